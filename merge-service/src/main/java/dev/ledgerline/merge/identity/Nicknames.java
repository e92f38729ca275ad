package dev.ledgerline.merge.identity;

import java.util.HashMap;
import java.util.Map;

/**
 * Given names and their short forms (Bob and Robert, Bill and William, Liz and Elizabeth …), from
 * {@code identity/nicknames.txt}. A short form shared by two families (Alex, Pat, Sam) keeps its first family.
 */
final class Nicknames {

    private static final Map<String, String> CANONICAL = load();

    private Nicknames() {
    }

    /** The canonical given name of a folded, compact first name; the name itself when it has no family. */
    static String canonical(String compactFirstName) {
        return CANONICAL.getOrDefault(compactFirstName, compactFirstName);
    }

    private static Map<String, String> load() {
        Map<String, String> canonical = new HashMap<>();
        for (String line : WordLists.lines("nicknames.txt")) {
            String[] names = line.split("\\s+");
            String family = TextFolding.compact(TextFolding.fold(names[0]));
            for (String name : names) {
                canonical.putIfAbsent(TextFolding.compact(TextFolding.fold(name)), family);
            }
        }
        return Map.copyOf(canonical);
    }
}
