package io.toolsmith.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offer reads the recent user messages newest first. */
class FunctionSelectorTest {
    @Test
    void theLatestMessagesCountMostAndOlderOnesNotAtAll() {
        List<Message> history = List.of(Message.user("oldest", List.of()), Message.assistant("a", false, 0),
                Message.user("third", List.of()), Message.user("second", List.of()), Message.assistant("b", false, 0),
                Message.user("latest", List.of()));
        assertEquals(Map.of("latest", 3.0, "second", 2.0, "third", 1.0), FunctionSelector.recentUserText(history));
    }

    @Test
    void whenOnlyOneFitsItIsTheOneTheLatestMessageAsksFor() throws Exception {
        List<ObjectNode> library = List.of(GeneratedLibrary.generated("archive", "recipe"), GeneratedLibrary.recordExpense());
        List<Message> history = List.of(Message.user("Archive my old recipe.", List.of()), Message.assistant("Done.", false, 0),
                Message.user("Also, I spent 40 on lunch.", List.of()));
        int one = library.stream().mapToInt(FunctionSelector::rawCost).max().orElseThrow();
        FunctionOffer offer = FunctionSelector.choose(library, history, one, FunctionSelector::rawCost);
        assertEquals(List.of("record_expense"), offer.names());
    }

    /** The index of the last library is kept: a spec changed since, in place or in a new copy, is indexed again. */
    @Test
    void aLibraryChangedSinceTheLastTurnIsRankedAsItIsNow() throws Exception {
        ObjectNode lunch = GeneratedLibrary.generated("archive", "recipe");
        List<ObjectNode> library = List.of(lunch, GeneratedLibrary.generated("plot", "trip"));
        Map<String, Double> asked = Map.of("zucchini", 3.0);
        assertEquals(List.of(), FunctionSelector.rank(library, asked, 2));

        lunch.put("description", "Archives a zucchini recipe.");
        assertEquals(List.of("archive_recipe"), FunctionSelector.rank(library, asked, 2));

        List<ObjectNode> copy = List.of(GeneratedLibrary.generated("archive", "recipe"), library.get(1).deepCopy());
        assertEquals(List.of(), FunctionSelector.rank(copy, asked, 2));
    }
}
