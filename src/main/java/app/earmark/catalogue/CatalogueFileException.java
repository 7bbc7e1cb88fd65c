package app.earmark.catalogue;

import java.util.List;

/** A catalogue file that cannot be stored, with every problem found, each naming its place. */
public class CatalogueFileException extends RuntimeException {

    private final String fileName;
    private final List<String> problems;

    CatalogueFileException(String fileName, List<String> problems) {
        super(fileName + ": " + String.join("; ", problems));
        this.fileName = fileName;
        this.problems = List.copyOf(problems);
    }

    public String fileName() {
        return fileName;
    }

    public List<String> problems() {
        return problems;
    }
}
