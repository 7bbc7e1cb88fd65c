package app.earmark.sampling.ui;

import app.earmark.sampling.SamplingException;
import com.vaadin.flow.component.textfield.TextField;

/**
 * A whole number typed into a text field (the production bundle's eager components include the text field; a number
 * is checked here and by the service, so a wrong entry gets a message that names the field).
 */
final class NumberInput extends TextField {

    NumberInput(String label) {
        super(label);
        getElement().setAttribute("inputmode", "numeric");
        setAllowedCharPattern("[0-9-]");
        setWidth("12em");
    }

    void setNumber(Integer value) {
        setValue(value == null ? "" : String.valueOf(value));
    }

    /** The number, or {@code null} when empty. */
    Integer number(String what) {
        String text = getValue() == null ? "" : getValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new SamplingException(what + ": '" + text + "' is not a whole number. Nothing was saved.");
        }
    }
}
