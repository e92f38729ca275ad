package dev.ledgerline.connector.sync;

/**
 * A canonical field that a published record may lack without being invalid (DESIGN.md §5: incomplete is not
 * invalid). Runs count the records that lack each one, per entity, for the data-quality report; the names are the
 * keys of a run entity's {@code missing} object in the run JSON and the {@code field} tag of the metric.
 */
public enum MissingField {
    /** A deal without a stage: published as OPEN with no probability. */
    STAGE("stage"),
    /** A deal without a pipeline: published in the CRM's default pipeline. */
    PIPELINE("pipeline"),
    AMOUNT("amount"),
    /** A deal without a (expected) close date; a closed one then takes its last modification as closedAt. */
    CLOSE_DATE("closeDate"),
    OWNER("owner"),
    /** A contact without an email address, which customer matching relies on. */
    EMAIL("email");

    private final String jsonName;

    MissingField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The field's name in the run JSON and the metric tag. */
    public String jsonName() {
        return jsonName;
    }
}
