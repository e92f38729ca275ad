package dev.ledgerline.merge.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The fields the engine compares, and which of them a person or a company comparison uses. */
public enum MatchField {
    FIRST_NAME(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    LAST_NAME(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    EMAIL(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    PHONE(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.DIFFERENT)),
    COMPANY_NAME(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    /** A person's employer: the same non-free-mail email domain or company web domain, or a similar company name. */
    EMPLOYER(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    DOMAIN(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT)),
    ADDRESS(EnumSet.of(ComparisonLevel.EXACT, ComparisonLevel.CLOSE, ComparisonLevel.DIFFERENT));

    private static final List<MatchField> PERSON_FIELDS =
            List.of(FIRST_NAME, LAST_NAME, EMAIL, PHONE, EMPLOYER, ADDRESS);
    private static final List<MatchField> COMPANY_FIELDS = List.of(COMPANY_NAME, DOMAIN, PHONE, ADDRESS);

    private final Set<ComparisonLevel> levels;

    MatchField(Set<ComparisonLevel> levels) {
        this.levels = levels;
    }

    /** The levels other than MISSING that this field's comparison can give. */
    public Set<ComparisonLevel> levels() {
        return levels;
    }

    public static List<MatchField> fieldsOf(IdentityKind kind) {
        return kind == IdentityKind.PERSON ? PERSON_FIELDS : COMPANY_FIELDS;
    }
}
