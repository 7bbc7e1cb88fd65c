package app.earmark.catalogue;

/** The shipped catalogue files are in the database; modules that need qualifications may use them. */
public record CatalogueReady(int qualifications, int units) {
}
