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
        assertEquals(Set.of("spend", "paid", "cost"), words.of("expens"), "a word in two groups has both");
        assertEquals(Set.of("paid", "expens"), words.of("spend"), "the other groups stay apart");
        assertFalse(words.of("paid").contains("paid"), "a word is not its own relative");
        assertEquals(Set.of(), words.of("weather"));
    }

    @Test
    void theOwnWordOutranksARelatedOne() throws Exception {
        SpecIndex index = new SpecIndex(List.of(GeneratedLibrary.generated("delete", "note"),
                GeneratedLibrary.generated("remove", "note")));
        assertEquals(List.of("remove_note", "delete_note"), index.rank("remove the note", 2));
    }
}
