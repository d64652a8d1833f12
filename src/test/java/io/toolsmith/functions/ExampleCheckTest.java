package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.functions.ExampleCheck.Outcome;
import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.util.Json;
import org.junit.jupiter.api.Test;

/** How an example's outcome is compared with its expectation: exact for integers and text, floats within 1e-6. */
class ExampleCheckTest {

    private static Outcome check(String example, ExampleResult result) throws Exception {
        return ExampleCheck.check(Json.MAPPER.readTree(example), result);
    }

    private static ExampleResult returned(String json) throws Exception {
        return ExampleResult.success(Json.MAPPER.readTree(json));
    }

    @Test
    void integersAndTextMustBeEqualAndFloatsMatchWithinARelativeTolerance() throws Exception {
        assertEquals(Verdict.PASSED, check("{\"expected\": 2}", returned("2")).verdict());
        assertEquals(new Outcome(Verdict.FAILED, "the result is 3, not 2"), check("{\"expected\": 2}", returned("3")));
        assertEquals(Verdict.PASSED, check("{\"expected\": 0.3}", returned("0.30000000000000004")).verdict());
        assertEquals(Verdict.PASSED, check("{\"expected\": 0.333333}", returned("0.3333333333333333")).verdict(),
                "1/3 written with six decimals is within 1e-6 of it");
        assertEquals(Verdict.FAILED, check("{\"expected\": 0.33}", returned("0.3333333333333333")).verdict());
        assertEquals(Verdict.PASSED, check("{\"expected\": 2.0}", returned("2")).verdict(), "2.0 == 2 in Python");
        assertEquals(Verdict.PASSED, check("{\"expected\": 0.0}", returned("1e-15")).verdict(), "near zero");
        assertEquals(Verdict.FAILED, check("{\"expected\": 12345678901234567890}", returned("12345678901234567891"))
                .verdict(), "large integers are exact");
        assertEquals(Verdict.FAILED, check("{\"expected\": \"Tea\"}", returned("\"tea\"")).verdict());
        assertEquals(Verdict.FAILED, check("{\"expected\": true}", returned("1")).verdict());
        assertEquals(Verdict.PASSED, check("{\"expected\": null}", returned("null")).verdict());
    }

    @Test
    void listsMatchInOrderAndObjectsByKey() throws Exception {
        assertEquals(Verdict.PASSED, check("{\"expected\": {\"b\": [1, 2.5], \"a\": \"x\"}}",
                returned("{\"a\": \"x\", \"b\": [1, 2.5000000001]}")).verdict());
        assertEquals("the result[0] is 2, not 1", check("{\"expected\": [1, 2]}", returned("[2, 1]")).reason(),
                "order counts");
        assertEquals("the result has 1 item, not 2", check("{\"expected\": [1, 2]}", returned("[1]")).reason());
        assertEquals("the result has no key \"b\"", check("{\"expected\": {\"a\": 1, \"b\": 2}}", returned("{\"a\": 1}"))
                .reason());
        assertEquals("the result has the key \"c\", which was not expected",
                check("{\"expected\": {\"a\": 1}}", returned("{\"a\": 1, \"c\": 3}")).reason());
        assertEquals("the result[\"items\"][0][\"n\"] is 2, not 1", check("{\"expected\": {\"items\": [{\"n\": 1}]}}",
                returned("{\"items\": [{\"n\": 2}]}")).reason());
    }

    @Test
    void errorsAreExpectedByNameAndAnUnexpectedErrorFails() throws Exception {
        ExampleResult raised = ExampleResult.failure("EmptyTextError", "The text is empty.");
        assertEquals(Verdict.PASSED, check("{\"expected_error\": \"EmptyTextError\"}", raised).verdict());
        assertEquals("expected the error ValueError, got EmptyTextError",
                check("{\"expected_error\": \"ValueError\"}", raised).reason());
        assertEquals("expected the error EmptyTextError, but the call returned a result",
                check("{\"expected_error\": \"EmptyTextError\"}", returned("1")).reason());
        assertEquals(new Outcome(Verdict.FAILED, "the call raised EmptyTextError"), check("{\"expected\": 1}", raised));
        assertEquals(Verdict.FAILED, check("{}", raised).verdict(), "an error nobody expected fails");
        assertEquals(Verdict.NO_EXPECTATION, check("{}", returned("1")).verdict());
        assertEquals(Verdict.FAILED, check("{\"expected\": 1, \"expected_error\": \"E\"}", returned("1")).verdict(),
                "both at once cannot be met");
    }
}
