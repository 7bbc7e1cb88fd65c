package app.earmark.sampling;

import java.util.List;

/** A request about sampling that cannot be done, with a message for a person; nothing was changed. */
public class SamplingException extends RuntimeException {

    private final List<String> problems;

    public SamplingException(String message) {
        this(message, List.of());
    }

    public SamplingException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + " " + String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
