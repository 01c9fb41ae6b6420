package dev.metarec.eval.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonCsvTest {

    @Test
    void json_parsesNestedValues() {
        Object v = Json.parse(" {\"a\": [1, 2.5e1, -3], \"b\": {\"c\": \"x\\\"y\\u00e9\"}, \"d\": true, \"e\": null, \"f\": []} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1.0, 25.0, -3.0), m.get("a"));
        assertEquals(Map.of("c", "x\"yé"), m.get("b"));
        assertEquals(Boolean.TRUE, m.get("d"));
        assertTrue(m.containsKey("e") && m.get("e") == null);
        assertEquals(List.of(), m.get("f"));
    }

    @Test
    void json_rejectsMalformedInput_withPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().contains("character 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
    }

    @Test
    void csv_handlesQuotesAndEmptyFields() {
        assertEquals(List.of("11", "American President, The (1995)", "Comedy"), Csv.split("11,\"American President, The (1995)\",Comedy"));
        assertEquals(List.of("a", "", "say \"hi\""), Csv.split("a,,\"say \"\"hi\"\"\""));
        assertThrows(IllegalArgumentException.class, () -> Csv.split("a,\"open"));
    }
}
