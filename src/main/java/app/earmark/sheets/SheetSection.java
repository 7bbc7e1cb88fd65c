package app.earmark.sheets;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of a result sheet's page contributed by another module (quality assurance), so that this module's page
 * needs no knowledge of it. Implementations are Spring beans; the page shows their sections in {@link #order()}
 * after the declarations.
 */
public interface SheetSection {

    /** Where the section goes among the contributed ones (lower first). */
    int order();

    /**
     * The section for this sheet version and the signed-in person, or none.
     *
     * @param latest the latest version of the sheet (the one shown, or the one that replaces it)
     */
    Optional<Component> create(SheetView shown, SheetView latest);
}
