package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    @Test
    void anOrdinaryNameIsKeptWithoutWarning() {
        assertThat(SafeFileName.of("Discussion 12 June.m4a")).isEqualTo(new SafeFileName("Discussion 12 June.m4a", null));
    }

    @Test
    void pathSeparatorsAreRemovedAndReported() {
        var safe = SafeFileName.of("../../etc/passwd.mp4");
        assertThat(safe.name()).isEqualTo("passwd.mp4");
        assertThat(safe.warning()).isEqualTo("The file name \"../../etc/passwd.mp4\" contained path separators; it is"
                + " kept as \"passwd.mp4\".");
    }

    @Test
    void windowsSeparatorsAndControlCharactersAreRemovedAndShownReadably() {
        var safe = SafeFileName.of("C:\\Users\\sam\\talk\u0007\u001b[2J.webm");
        assertThat(safe.name()).isEqualTo("talk[2J.webm");
        assertThat(safe.warning()).contains("path separators and control characters")
                .contains("talk\\u0007\\u001B[2J.webm");
    }

    @Test
    void aNameOfNothingBecomesRecording() {
        assertThat(SafeFileName.of("/").name()).isEqualTo("recording");
        assertThat(SafeFileName.of("\u0000").name()).isEqualTo("recording");
    }

    @Test
    void aVeryLongNameKeepsItsStartAndExtensionAndSaysSo() {
        var safe = SafeFileName.of("é".repeat(3_000) + ".m4a");
        assertThat(safe.name()).hasSize(200).startsWith("éééé").endsWith("….m4a");
        assertThat(safe.warning()).isEqualTo("The file name was 3004 characters long; Earmark keeps names of up to 200,"
                + " so it is kept as \"" + safe.name() + "\".");
    }
}
