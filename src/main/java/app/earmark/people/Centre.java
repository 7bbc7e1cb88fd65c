package app.earmark.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An approved centre: its awarding-body centre number and name appear on every result sheet. */
@Entity
@Table(name = "centre")
class Centre {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 40)
    private String number;

    @Column(nullable = false, length = 200)
    private String name;

    /** BCP 47 tag of the locale dates and times are shown in; null for the browser's own. */
    @Column(length = 35)
    private String locale;

    protected Centre() {
    }

    Centre(String number, String name) {
        this.number = number;
        this.name = name;
        this.locale = app.earmark.base.DisplayFormats.DEFAULT.toLanguageTag();
    }

    Long id() {
        return id;
    }

    String number() {
        return number;
    }

    String name() {
        return name;
    }

    String locale() {
        return locale;
    }

    void changeLocale(String tag) {
        this.locale = tag;
    }
}
