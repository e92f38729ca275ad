package dev.ledgerline.logging;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in log text: email addresses ({@code j***@example.com}), phone numbers (the last
 * three digits kept), bearer tokens, JWTs, CRM token shapes, the values of keys that name a secret ({@code
 * access_token}, {@code refresh_token}, {@code client_secret}, {@code password}, {@code sasl.jaas.config} …, in
 * JSON, form, query and {@code key = value} shapes) and OAuth {@code code}/{@code state} parameters of queries and
 * forms. It errs on the side of masking: a masked id costs a look-up, a leaked token costs a rotation.
 */
public final class LogMasker {
    static final String MASK = "***";

    /** A value as it follows its key: quoted (JSON, config dumps) or bare up to a delimiter (forms, queries). */
    private static final String VALUE = "(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s&,;\"'}\\]]+)";
    /** A key, possibly quoted, possibly with a prefix ({@code ssl.key.password}, {@code LEDGERLINE_SECRET_KEY}). */
    private static final String KEY_PREFIX = "(?<![A-Za-z0-9])([\"']?)((?:[A-Za-z0-9]+[_.-])*";
    private static final String KEY_END = ")\\1(\\s*[:=]\\s*)";

    private static final Pattern JAAS_CONFIG = Pattern.compile(
            "(?i)(sasl\\.jaas\\.config[\"']?\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\r\\n]+)");
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i)" + KEY_PREFIX
            + "(?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret|secret[_-]?key"
            + "|password|passwd|pwd|api[_-]?key|apikey|authorization|credentials?)" + KEY_END + VALUE);
    private static final Pattern PHONE_VALUE = Pattern.compile("(?i)" + KEY_PREFIX
            + "(?:phone|mobile[_-]?phone|mobile|phone[_-]?number|fax|tel|telephone)" + KEY_END + VALUE);
    private static final Pattern OAUTH_QUERY = Pattern.compile("(?i)((?:^|[?&])(?:code|state)=)[^&\\s\"'#]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    /** HubSpot private-app tokens and Salesforce session ids, wherever they appear. */
    private static final Pattern CRM_TOKEN = Pattern.compile(
            "\\bpat-[a-z]{2,4}\\d?-[0-9a-f]{4,}(?:-[0-9a-f]{2,})+\\b|\\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{16,}");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})\\b");
    /**
     * Phone-shaped text: an international number ({@code +49 30 1234567}, {@code +14155552671}), or digits in groups
     * separated by spaces or dashes, optionally with an area code in parentheses ({@code (415) 555-2671},
     * {@code 0151 23456789}). Plain digit runs (ids, epoch times) and dotted numbers (amounts, addresses) are not
     * phones; {@link #isPhone} also drops dates.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+/.:-])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,5}\\)[ .-]?)?\\d[\\d .-]{4,16}\\d"
                    + "|(?:\\(\\d{1,5}\\)[ -]?)?\\d{2,5}(?:[ -]\\d{2,8}){1,4})(?![\\w-]|\\.\\d)");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");

    private LogMasker() {
    }

    /** The text with everything sensitive masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = JAAS_CONFIG.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        masked = BEARER.matcher(masked).replaceAll("$1" + MASK);
        masked = JWT.matcher(masked).replaceAll(MASK);
        masked = CRM_TOKEN.matcher(masked).replaceAll(MASK);
        masked = OAUTH_QUERY.matcher(masked).replaceAll("$1" + MASK);
        masked = SECRET_VALUE.matcher(masked).replaceAll(match ->
                Matcher.quoteReplacement(keyAndSeparator(match) + quoted(match.group(4), MASK)));
        masked = PHONE_VALUE.matcher(masked).replaceAll(match ->
                Matcher.quoteReplacement(keyAndSeparator(match) + quoted(match.group(4), maskedPhone(match.group(4)))));
        masked = EMAIL.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@" + match.group(2)));
        return PHONE.matcher(masked).replaceAll(match ->
                Matcher.quoteReplacement(isPhone(match.group()) ? maskedPhone(match.group()) : match.group()));
    }

    private static String keyAndSeparator(MatchResult match) {
        return match.group(1) + match.group(2) + match.group(1) + match.group(3);
    }

    /** The replacement in the quotes the value came in. */
    private static String quoted(String value, String replacement) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + replacement + first : replacement;
    }

    private static boolean isPhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15 && !ISO_DATE.matcher(candidate).find();
    }

    /** {@code +49 30 1234567} → {@code ***567}; a value without digits (null, empty) is masked whole. */
    private static String maskedPhone(String phone) {
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return MASK;
        }
        return MASK + digits.substring(digits.length() - 3);
    }
}
