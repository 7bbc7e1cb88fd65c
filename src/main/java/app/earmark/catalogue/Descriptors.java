package app.earmark.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Sufficiency descriptors of one AC: bullet texts per level of achievement. */
public record Descriptors(List<String> referral, List<String> pass, List<String> goodPass) {

    public Descriptors {
        referral = referral == null ? List.of() : List.copyOf(referral);
        pass = pass == null ? List.of() : List.copyOf(pass);
        goodPass = goodPass == null ? List.of() : List.copyOf(goodPass);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return referral.isEmpty() && pass.isEmpty() && goodPass.isEmpty();
    }
}
