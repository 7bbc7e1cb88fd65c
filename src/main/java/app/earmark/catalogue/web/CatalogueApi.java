package app.earmark.catalogue.web;

import app.earmark.base.web.NotFoundException;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.web.CatalogueJson.QualificationJson;
import app.earmark.catalogue.web.CatalogueJson.UnitJson;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only catalogue API. Any signed-in account may read the catalogue, as in the UI. */
@RestController
@RequestMapping("/api/v1/catalogue")
class CatalogueApi {

    private final Catalogue catalogue;

    CatalogueApi(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/qualifications")
    List<QualificationJson> qualifications() {
        return catalogue.qualifications().stream().map(QualificationJson::of).toList();
    }

    @GetMapping("/qualifications/{code}")
    QualificationJson qualification(@PathVariable String code) {
        return catalogue.qualification(code).map(QualificationJson::of)
                .orElseThrow(() -> new NotFoundException("There is no qualification " + code + "."));
    }

    /** The latest version of every unit, including units outside any qualification. */
    @GetMapping("/units")
    List<UnitJson> units() {
        return catalogue.latestUnits().stream().map(UnitJson::of).toList();
    }

    @GetMapping("/units/{code}")
    UnitJson unit(@PathVariable String code) {
        return catalogue.unit(code).map(UnitJson::of)
                .orElseThrow(() -> new NotFoundException("There is no unit " + code + "."));
    }

    @GetMapping("/units/{code}/{version}")
    UnitJson unit(@PathVariable String code, @PathVariable int version) {
        return catalogue.unit(code, version).map(UnitJson::of)
                .orElseThrow(() -> new NotFoundException("There is no version " + version + " of unit " + code + "."));
    }
}
