package dev.ledgerline.simulator.company;

import java.util.List;
import java.util.Random;

/** Words the generated company is made of: names, companies, places, titles, products, reasons. */
final class Vocabulary {
    static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Amira", "Ana", "Ben", "Bianca", "Carlos", "Chen",
            "Clara", "Daniel", "Dana", "David", "Elena", "Emma", "Farah", "Felix", "Grace", "Hannah", "Hiro", "Ines",
            "Isaac", "Jana", "Jonas", "Julia", "Kai", "Katherine", "Ken", "Lara", "Lea", "Leon", "Lina", "Lukas",
            "Maya", "Marco", "Maria", "Mateo", "Michael", "Mia", "Nadia", "Noah", "Nora", "Olga", "Omar", "Paul",
            "Priya", "Rafael", "Robert", "Rosa", "Samuel", "Sara", "Sofia", "Stefan", "Tomas", "Uma", "Victor",
            "William", "Yara", "Yusuf", "Zoe", "Elizabeth");
    static final List<String> LAST_NAMES = List.of("Abbott", "Alvarez", "Baker", "Becker", "Brennan", "Castillo",
            "Chen", "Costa", "Dubois", "Eriksson", "Fischer", "Garcia", "Gomez", "Hansen", "Hoffmann", "Ito",
            "Jansen", "Kaur", "Kim", "Kowalski", "Larsen", "Lopez", "Martin", "Meyer", "Moreau", "Muller", "Nakamura",
            "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Reyes", "Richter", "Rossi", "Sato", "Schmidt", "Silva",
            "Singh", "Smith", "Sorensen", "Tanaka", "Thompson", "Vogel", "Wagner", "Walsh", "Weber", "Williams",
            "Wong", "Young", "Zimmermann", "Haddad", "Ivanova", "Lindqvist", "Mensah", "Nguyen", "O'Brien",
            "Papadopoulos", "Quinn", "Varga");
    /** Short forms people enter for themselves, for duplicates. */
    static final List<List<String>> NICKNAMES = List.of(List.of("Robert", "Bob"), List.of("William", "Bill"),
            List.of("Elizabeth", "Liz"), List.of("Katherine", "Kate"), List.of("Michael", "Mike"),
            List.of("Daniel", "Dan"), List.of("Samuel", "Sam"), List.of("Alexander", "Alex"),
            List.of("Isaac", "Ike"), List.of("Victor", "Vic"), List.of("Rafael", "Rafa"), List.of("Tomas", "Tom"));
    static final List<String> COMPANY_WORDS = List.of("Acme", "Globex", "Initech", "Umbrella", "Northwind",
            "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adatum", "Proseware", "Lucerne", "Margie",
            "Alpine", "Blue Yonder", "Coho", "Datum", "Fourth Coffee", "Graphic", "Humongous", "Lamna", "Nod",
            "Southridge", "Trey", "Woodgrove", "Vandelay", "Stark", "Wayne", "Hooli", "Pied Piper", "Soylent",
            "Cyberdyne", "Tyrell", "Gringotts", "Monarch", "Oscorp", "Massive", "Sirius", "Aperture", "Black Mesa",
            "Dunder", "Bluth", "Sterling", "Prestige", "Vehement", "Krusty", "Gekko", "Ollivander", "Zorg");
    static final List<String> COMPANY_KINDS = List.of("Logistics", "Systems", "Analytics", "Labs", "Foods",
            "Health", "Energy", "Media", "Robotics", "Finance", "Retail", "Consulting", "Software", "Motors",
            "Textiles", "Pharma", "Insurance", "Travel", "Studios", "Networks");
    static final List<String> LEGAL_FORMS = List.of("Inc.", "GmbH", "Ltd", "LLC", "AG", "SAS", "BV", "");
    static final List<String> INDUSTRIES = List.of("Computer Software", "Financial Services", "Retail",
            "Hospital & Health Care", "Logistics and Supply Chain", "Marketing and Advertising", "Automotive",
            "Food & Beverages", "Renewables & Environment", "Insurance", "Pharmaceuticals", "Leisure, Travel & Tourism");
    static final List<Place> PLACES = List.of(new Place("Berlin", "Berlin", "10115", "Germany", "+49 30"),
            new Place("Munich", "Bavaria", "80331", "Germany", "+49 89"),
            new Place("Hamburg", "Hamburg", "20095", "Germany", "+49 40"),
            new Place("London", "England", "EC1A 1BB", "United Kingdom", "+44 20"),
            new Place("Manchester", "England", "M1 1AE", "United Kingdom", "+44 161"),
            new Place("New York", "NY", "10001", "United States", "+1 212"),
            new Place("Austin", "TX", "73301", "United States", "+1 512"),
            new Place("Chicago", "IL", "60601", "United States", "+1 312"),
            new Place("San Francisco", "CA", "94105", "United States", "+1 415"),
            new Place("Toronto", "ON", "M5H 2N2", "Canada", "+1 416"),
            new Place("Paris", "Île-de-France", "75001", "France", "+33 1"),
            new Place("Amsterdam", "North Holland", "1012", "Netherlands", "+31 20"),
            new Place("Vienna", "Vienna", "1010", "Austria", "+43 1"),
            new Place("Zurich", "Zurich", "8001", "Switzerland", "+41 44"),
            new Place("Madrid", "Madrid", "28001", "Spain", "+34 91"));
    static final List<String> STREETS = List.of("Main Street", "Market Street", "Hauptstraße", "Park Avenue",
            "Station Road", "Rue de la Paix", "Kings Road", "Elm Street", "Harbour Way", "Lindenallee");
    static final List<String> JOB_TITLES = List.of("CEO", "CFO", "COO", "Head of Sales", "Sales Manager",
            "VP Operations", "Procurement Manager", "IT Director", "Finance Manager", "Office Manager",
            "Marketing Director", "Product Manager", "Founder", "Controller", "Operations Lead");
    static final List<String> LOSS_REASONS = List.of("Went with a competitor", "No budget", "Bad timing",
            "No decision", "Price too high", "Missing feature", "Stopped responding");
    static final List<String> TEAMS = List.of("Inbound", "Outbound", "Enterprise");
    /** The domain of the selling company itself: its sales reps' e-mail addresses. */
    static final String SELLER_DOMAIN = "northwind-cloud.example";
    /** What a deal is about, for its name ("Acme Logistics - Platform rollout"). */
    static final List<String> DEAL_TOPICS = List.of("Platform rollout", "Renewal", "Seat expansion", "Pilot",
            "Migration project", "Support upgrade", "New department", "Analytics add-on", "Framework agreement",
            "Second site");
    /** What the company sells: name, SKU, description, list price and unit cost in USD, subscription or not. */
    static final List<ProductSpec> CATALOGUE = List.of(
            new ProductSpec("Platform licence (annual)", "PLT-LIC-1Y", "Core platform, one year", "12000.00",
                    "1800.00", true, 1, 3),
            new ProductSpec("Additional seats (annual)", "PLT-SEAT-1Y", "Per named user, one year", "240.00",
                    "30.00", true, 5, 200),
            new ProductSpec("Analytics add-on (annual)", "ADD-ANL-1Y", "Dashboards and exports, one year",
                    "3600.00", "600.00", true, 1, 2),
            new ProductSpec("API access (annual)", "ADD-API-1Y", "Integration API, one year", "2400.00", "200.00",
                    true, 1, 1),
            new ProductSpec("Premium support (annual)", "SUP-PREM-1Y", "24/7 support with a named engineer",
                    "4800.00", "2400.00", true, 1, 1),
            new ProductSpec("Onboarding package", "SRV-ONB", "Set-up, configuration and kick-off workshop",
                    "3500.00", "2100.00", false, 1, 1),
            new ProductSpec("Data migration", "SRV-MIG", "Import from the previous system", "6000.00", "3900.00",
                    false, 1, 2),
            new ProductSpec("Training day", "SRV-TRN-D", "On-site or remote training, one day", "1500.00",
                    "700.00", false, 1, 5),
            new ProductSpec("Consulting hours", "SRV-CONS-H", "Solution consulting, per hour", "180.00", "95.00",
                    false, 4, 80),
            new ProductSpec("Hardware gateway", "HW-GW-01", "On-premise connector appliance", "950.00", "610.00",
                    false, 1, 10));

    /** One product of the catalogue; quantities a deal buys lie between the two bounds. */
    record ProductSpec(String name, String sku, String description, String price, String unitCost,
            boolean recurring, int minQuantity, int maxQuantity) {
    }

    /** A city with its region, postal code, country and phone prefix. */
    record Place(String city, String region, String postalCode, String country, String phonePrefix) {
    }

    private Vocabulary() {
    }

    /** Where contacts and deals come from, weighted as a B2B company's traffic is. */
    static LeadSource leadSource(Random random) {
        int[] weights = {25, 12, 10, 8, 15, 12, 13, 5};
        int draw = random.nextInt(100);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return LeadSource.values()[i];
            }
        }
        return LeadSource.DIRECT_TRAFFIC;
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static Place placeIn(Random random, String country) {
        List<Place> inCountry = PLACES.stream().filter(place -> place.country().equals(country)).toList();
        return pick(random, inCountry.isEmpty() ? PLACES : inCountry);
    }

    /** A phone number in a city's format, e.g. "+49 30 5551234". */
    static String phone(Random random, Place place) {
        return place.phonePrefix() + " " + (5_550_000 + random.nextInt(10_000));
    }

    /** A lower-case slug of letters and digits, e.g. for e-mail local parts and domains. */
    static String slug(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9 -]", "")
                .trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[ ]+", "-");
    }
}
