package dev.ledgerline.merge.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds text for comparison: Unicode compatibility decomposition with combining marks removed (José → jose,
 * Müller → muller), the Latin letters that do not decompose transliterated (ß → ss, ø → o, Ł → l, æ → ae …),
 * lower case, and everything but letters and digits turned into single spaces.
 *
 * <p>ICU4J's Latin-ASCII transliterator would also cover other scripts, but CRM data of our tenants is Latin script
 * and ICU4J adds 13 MB; the handful of letters below is all NFKD leaves undecomposed in Latin script.
 */
public final class TextFolding {

    private static final Map<Character, String> UNDECOMPOSABLE = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('ẞ', "ss"), Map.entry('ø', "o"), Map.entry('Ø', "o"),
            Map.entry('ł', "l"), Map.entry('Ł', "l"), Map.entry('æ', "ae"), Map.entry('Æ', "ae"),
            Map.entry('œ', "oe"), Map.entry('Œ', "oe"), Map.entry('đ', "d"), Map.entry('Đ', "d"),
            Map.entry('ð', "d"), Map.entry('Ð', "d"), Map.entry('þ', "th"), Map.entry('Þ', "th"),
            Map.entry('ı', "i"), Map.entry('ħ', "h"), Map.entry('Ħ', "h"));
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern GERMAN_UMLAUT_SPELLING = Pattern.compile("(?<=[a-z])([aou])e");

    private TextFolding() {
    }

    /** The folded form, words separated by single spaces; empty for null or blank input. */
    public static String fold(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder transliterated = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = UNDECOMPOSABLE.get(c);
            if (replacement != null) {
                transliterated.append(replacement);
            } else {
                transliterated.append(c);
            }
        }
        String decomposed = Normalizer.normalize(transliterated, Normalizer.Form.NFKD);
        String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return NOT_ALPHANUMERIC.matcher(unmarked.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /** The folded form without spaces: "de la Cruz" and "Delacruz" compare equal. */
    static String compact(String folded) {
        return folded.replace(" ", "");
    }

    /**
     * Reads the German transcriptions ae, oe, ue as the umlauts they stand for, which folding already turned into
     * a, o, u: Mueller and Müller both become muller. Only for a CLOSE comparison, since it also shortens Samuel.
     */
    static String undoUmlautSpelling(String compact) {
        return GERMAN_UMLAUT_SPELLING.matcher(compact).replaceAll("$1");
    }
}
