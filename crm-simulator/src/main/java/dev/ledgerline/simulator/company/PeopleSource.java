package dev.ledgerline.simulator.company;

import java.util.List;
import java.util.Random;

/**
 * Where the company's contact records come from, duplicates included, with the ground truth of which record is
 * whose duplicate. {@link SimpleDuplicates} is the one in use; a generator with richer duplicates (and its own
 * ground truth) can take its place behind this interface. Both methods must draw only from the given random, so
 * that a company stays the same for the same seed.
 */
public interface PeopleSource {

    /**
     * {@code count} contact records in the order they were entered: distinct people, some working at one of the
     * employers, and further records of some of them, each after its original and pointing back to it.
     */
    List<PersonRecord> people(Random random, int count, List<Employer> employers);

    /** Another record of the same person, entered again with the variations people make. */
    PersonRecord duplicate(Random random, PersonRecord original);
}
