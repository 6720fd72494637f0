package io.clientbase.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static List<String> fields(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::field).toList();
    }

    @Test
    void onlyTheMembersThatDifferAreChangesWithTheirOldAndNewValues() throws Exception {
        var changes = Diff.between(json("{\"id\":1,\"name\":\"A\",\"ownerId\":7,\"version\":1,\"fields\":{\"3\":\"x\",\"4\":true}}"),
                json("{\"id\":1,\"name\":\"B\",\"ownerId\":7,\"version\":2,\"fields\":{\"3\":\"x\",\"5\":\"new\"}}"));
        assertEquals(List.of("name", "f:4", "f:5"), fields(changes));
        assertEquals("A", changes.get(0).from().textValue());
        assertEquals("B", changes.get(0).to().textValue());
        assertEquals(true, changes.get(1).from().booleanValue());
        assertEquals(null, changes.get(1).to());
        assertEquals(null, changes.get(2).from());
    }

    @Test
    void aCreateSetsEveryMemberButTheBookkeeping() throws Exception {
        var changes = Diff.between(null, json("{\"id\":1,\"name\":\"A\",\"createdAt\":\"t\",\"updatedAt\":\"t\",\"version\":1,\"fields\":{\"3\":\"x\"}}"));
        assertEquals(List.of("name", "f:3"), fields(changes));
    }

    @Test
    void aNumberKeepsItsExactValue() throws Exception {
        var changes = Diff.between(json("{\"fields\":{\"9\":\"0.10\"}}"), json("{\"fields\":{\"9\":\"0.1\"}}"));
        assertEquals("0.10", changes.get(0).from().textValue(), "values are compared as stored");
    }
}
