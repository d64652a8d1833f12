package io.toolsmith.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ranking finds a function by words the user chose, not only by the spec's own words. */
class SpecIndexTest {
    @Test
    void aRequestThatSharesNoWordWithTheSpecFindsItThroughRelatedWords() throws Exception {
        ObjectNode expense = GeneratedLibrary.recordExpense();
        expense.remove("examples");
        List<ObjectNode> library = new ArrayList<>(List.of(expense));
        for (String verb : GeneratedLibrary.VERBS) {
            for (String noun : GeneratedLibrary.NOUNS) {
                library.add(GeneratedLibrary.generated(verb, noun));
            }
        }
        SpecIndex index = new SpecIndex(library);
        String request = "I paid for a taxi to the airport";

        Set<String> shared = new HashSet<>(index.analyze(request));
        shared.retainAll(index.analyze(SpecIndex.searchableText(expense)));
        assertEquals(Set.of(), shared, "the request and the spec share no word of their own");
        assertTrue(index.rank(request, 5).contains("record_expense"), index.rank(request, 5).toString());
    }

    @Test
    void relatedWordsAreStemmedLikeTheIndexAndSpanGroups() {
        RelatedWords words = RelatedWords.parse("""
                # a comment
                spend paid expense
                expense cost
                """);
        assertEquals(Set.of("spend", "pai", "cost"), words.of("expens"), "a word in two groups has both; \"paid\" meets \"pay\"");
        assertEquals(Set.of("pai", "expens"), words.of("spend"), "the other groups stay apart");
        assertFalse(words.of("pai").contains("pai"), "a word is not its own relative");
        assertEquals(Set.of(), words.of("weather"));
    }

    @Test
    void theOwnWordOutranksARelatedOne() throws Exception {
        SpecIndex index = new SpecIndex(List.of(GeneratedLibrary.generated("delete", "note"),
                GeneratedLibrary.generated("remove", "note")));
        assertEquals(List.of("remove_note", "delete_note"), index.rank("remove the note", 2));
    }

    @Test
    void pastTensesMeetTheirVerbs() {
        SpecIndex index = new SpecIndex(List.of());
        assertEquals(index.analyze("pay take give lend spend buy"), index.analyze("paid took gave lent spent bought"));
        assertEquals(index.analyze("pay take give"), index.analyze("paying taken given"), "regular endings still stem");
        assertEquals(List.of("drill"), index.analyze("the drill"), "stop words still go");
    }

    @Test
    void aPastTenseRequestFindsTheFunctionThatDescribesItInThePresent() throws Exception {
        List<ObjectNode> library = new ArrayList<>();
        library.add(GeneratedLibrary.generated("lend", "tool"));
        for (String verb : GeneratedLibrary.VERBS) {
            library.add(GeneratedLibrary.generated(verb, "tool"));
        }
        assertEquals("lend_tool", new SpecIndex(library).rank("lent my tool to a neighbour", 1).get(0));
    }
}
