package dev.ledgerline.devstack.simulation;

import java.text.Normalizer;
import java.util.Map;
import java.util.SplittableRandom;

/** The ways people and CRMs spell the same name differently: typos, lost diacritics, transcriptions, case. */
final class Spelling {

    private static final String KEYBOARD_ROWS = "qwertyuiop asdfghjkl zxcvbnm";
    private static final Map<Character, String> ASCII_LETTERS = Map.of('ß', "ss", 'ø', "o", 'Ø', "O", 'ł', "l",
            'Ł', "L", 'æ', "ae", 'å', "a", 'Å', "A");
    private static final Map<Character, String> GERMAN_TRANSCRIPTION = Map.of('ä', "ae", 'ö', "oe", 'ü', "ue",
            'Ä', "Ae", 'Ö', "Oe", 'Ü', "Ue", 'ß', "ss", 'ø', "oe", 'å', "aa", 'æ', "ae");

    private Spelling() {
    }

    static boolean hasDiacritics(String text) {
        return !withoutDiacritics(text).equals(text);
    }

    /** José → Jose, Łukasz → Lukasz, Müller → Muller: what a keyboard without the letters types. */
    static String withoutDiacritics(String text) {
        StringBuilder ascii = new StringBuilder();
        for (char c : text.toCharArray()) {
            ascii.append(ASCII_LETTERS.getOrDefault(c, String.valueOf(c)));
        }
        return Normalizer.normalize(ascii, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** Müller → Mueller, Weiß → Weiss, Søren → Soeren: the transcription German and Nordic writers use. */
    static String transcribed(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(GERMAN_TRANSCRIPTION.getOrDefault(c, String.valueOf(c)));
        }
        return withoutDiacritics(out.toString());
    }

    /** One letter replaced by its neighbour on the keyboard, dropped, or doubled. */
    static String typo(String word, SplittableRandom random) {
        if (word.length() < 3) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 1);
        char c = word.charAt(at);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, at) + neighbour(c, random) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + word.substring(at + 1);
            default -> word.substring(0, at) + c + word.substring(at);
        };
    }

    /** Two adjacent letters swapped (not the first, which people rarely get wrong). */
    static String transposed(String word, SplittableRandom random) {
        if (word.length() < 4) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 2);
        return word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
    }

    private static char neighbour(char c, SplittableRandom random) {
        int at = KEYBOARD_ROWS.indexOf(Character.toLowerCase(c));
        if (at < 0) {
            return c;
        }
        int next = at + (random.nextBoolean() ? 1 : -1);
        if (next < 0 || next >= KEYBOARD_ROWS.length() || KEYBOARD_ROWS.charAt(next) == ' ') {
            next = at + (next < at ? 1 : -1);
        }
        char replaced = KEYBOARD_ROWS.charAt(next);
        return Character.isUpperCase(c) ? Character.toUpperCase(replaced) : replaced;
    }

    /** Lower case, without diacritics, letters and digits only: for email local parts and domains. */
    static String slug(String text) {
        return withoutDiacritics(text).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
