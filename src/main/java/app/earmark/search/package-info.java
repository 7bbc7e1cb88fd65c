/**
 * Search across the evidence: the {@link app.earmark.search.SearchIndex} contract (documents for tag notes, sheet
 * feedback, LO comments, plan questions, QA notes and actions, disputes and discussion titles; queries with facets,
 * a date range and the mandatory set of learners the person may see; results grouped by discussion with highlighted
 * fragments and exact facet counts), its text analysis for British English, and its two engines: embedded Lucene
 * under {@code earmark.data-dir/search} (the default) and an Elasticsearch cluster
 * ({@code earmark.search.engine=elasticsearch}). The index is fed through an outbox written from the other modules'
 * events ({@code SearchOutbox}, {@code SearchFeed}) with the pieces each owner hands over as an
 * {@link app.earmark.base.SearchContributor}; {@link app.earmark.search.Search} searches as the signed-in person and
 * audits it; {@code ui.SearchView} is the page {@code /search}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package app.earmark.search;
