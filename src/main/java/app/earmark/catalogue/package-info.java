/**
 * The qualification catalogue: qualifications, their units, learning outcomes and assessment criteria
 * (with marks, sufficiency descriptors, depth and guidance), and the rules of combination. Ships as
 * versioned data files under {@code src/main/resources/catalogue/}, synchronised into the database at
 * start-up; administrators import a centre's own units. A stored unit version is immutable.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Qualification catalogue")
package app.earmark.catalogue;
