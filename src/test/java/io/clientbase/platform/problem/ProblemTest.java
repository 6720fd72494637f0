package io.clientbase.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProblemTest {

    @Test
    void anEchoedTextIsCutToTheContractsBoundAndMarkedAsCut() {
        Problem problem = new Problem("t", "title", 400, "x".repeat(100_000), "/p", List.of(
                new Problem.FieldError("m".repeat(100_000), "bad")), "id");
        assertEquals(Problem.MAX_DETAIL, problem.detail().length());
        assertTrue(problem.detail().endsWith("…"));
        assertEquals(Problem.MAX_TEXT, problem.errors().get(0).field().length());
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String text = "a".repeat(Problem.MAX_TEXT - 2) + "😀😀";
        String cut = Problem.cut(text, Problem.MAX_TEXT);
        assertTrue(cut.length() <= Problem.MAX_TEXT);
        String kept = cut.substring(0, cut.length() - 1);
        assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "a lone high surrogate is left");
    }

    @Test
    void atMostAThousandMemberErrorsAreListed() {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            errors.add(new Problem.FieldError("f" + i, "bad"));
        }
        assertEquals(Problem.MAX_ERRORS, new Problem("t", "t", 422, "d", null, errors, null).errors().size());
    }
}
