package dev.ledgerline.devstack.simulation;

import java.util.List;

/** The countries the duplicate generator draws from; names with diacritics on purpose (Müller, José, Łukasz …). */
final class Countries {

    static final Country US = new Country("US", "United States", "1", "", List.of("415", "212", "312", "617", "206"), 7,
            List.of("James", "Robert", "John", "Michael", "William", "David", "Mary", "Patricia", "Jennifer", "Elizabeth",
                    "Linda", "Barbara", "Richard", "Joseph", "Thomas", "Susan", "Jessica", "Sarah", "Christopher",
                    "Daniel", "Matthew", "Anthony", "Margaret", "Catherine", "Steven", "Kimberly", "Rebecca", "Samuel",
                    "Nicholas", "Victoria", "Zoë", "Renée", "Brian", "Kevin", "Jason", "Ryan", "Gary", "Eric", "Stephanie",
                    "Laura", "Amanda", "Melissa", "Emily", "Ashley", "Nicole", "Heather", "Brandon", "Tyler", "Megan",
                    "Rachel", "Andrew", "Joshua", "Olivia", "Hannah", "Nathan", "Zachary"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
                    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams",
                    "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "O'Brien"),
            List.of("Ash", "Brad", "Cald", "Dunn", "Fair", "Gar", "Hol", "Kent", "Lang", "Mor", "Pem", "Rad", "Stan",
                    "Thorn", "Wex", "Whit"),
            List.of("ford", "well", "ton", "ley", "worth", "field", "by", "wick", "more", "stead", "bridge", "cott"),
            List.of("94103|San Francisco|0", "94110|San Francisco|0", "10001|New York|1", "10013|New York|1",
                    "60601|Chicago|2", "02108|Boston|3", "98101|Seattle|4"),
            List.of("Market Street", "Mission Street", "Broadway", "5th Avenue", "Main Street", "Oak Avenue",
                    "Lake Shore Drive", "Pine Street", "Elm Street", "Maple Road"),
            "N Street", List.of("Inc.", "LLC", "Corp.", "Inc", "Incorporated", "Co."), "com");

    static final Country GB = new Country("GB", "United Kingdom", "44", "0", List.of("20", "161", "131", "117"), 7,
            List.of("Oliver", "George", "Harry", "Jack", "Charlotte", "Emily", "Olivia", "Amelia", "William", "Thomas",
                    "James", "Elizabeth", "Margaret", "Edward", "Alexander", "Eleanor", "Isabella", "Philip", "Peter",
                    "Rebecca", "Harriet", "Imogen", "Rupert", "Hugo", "Freddie", "Poppy", "Alfie", "Archie", "Isla",
                    "Sophie", "Daniel", "Graham", "Nigel", "Fiona", "Gemma"),
            List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright",
                    "Robinson", "Wood", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Hughes"),
            List.of("Black", "Chad", "Bram", "Cum", "Har", "Mil", "Ock", "Pen", "Sal", "Wim"),
            List.of("ham", "bury", "ton", "shaw", "wood", "worth", "combe", "thwaite", "by", "ley"),
            List.of("EC1A 1BB|London|0", "SW1A 2AA|London|0", "M1 1AE|Manchester|1", "EH1 1YZ|Edinburgh|2",
                    "BS1 4DJ|Bristol|3"),
            List.of("High Street", "Station Road", "Church Lane", "Victoria Road", "King Street", "Queen Street",
                    "Mill Lane", "Park Road"),
            "N Street", List.of("Ltd", "Limited", "Ltd.", "PLC"), "co.uk");

    static final Country DE = new Country("DE", "Deutschland", "49", "0", List.of("30", "89", "40", "221", "69"), 7,
            List.of("Thomas", "Michael", "Andreas", "Stefan", "Jürgen", "Jörg", "Björn", "Günter", "Sabine", "Petra",
                    "Ursula", "Monika", "Katharina", "Anna", "Julia", "Lukas", "Felix", "Maximilian", "Johannes",
                    "Wolfgang", "Elisabeth", "Hans", "Sönke", "Käthe", "Frank", "Uwe", "Dirk", "Torsten", "Claudia",
                    "Birgit", "Heike", "Silke", "Anja", "Tobias", "Florian", "Jan", "Lena", "Leonie", "Jonas", "Niklas",
                    "Matthias", "Christian", "Sebastian", "Markus", "Ralf", "Gisela", "Hannelore", "Dörte", "Malte"),
            List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
                    "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Weiß", "Groß", "Köhler", "Böhm",
                    "Lößner"),
            List.of("Alt", "Bren", "Dorn", "Eich", "Falk", "Gutt", "Hagen", "Kalten", "Lind", "Mahl", "Rott", "Stein",
                    "Wald", "Zeh"),
            List.of("bach", "berger", "brunner", "dorf", "hauser", "mann", "meier", "reuther", "stätter", "wieser",
                    "hölzl", "ecker"),
            List.of("10115|Berlin|0", "10999|Berlin|0", "80331|München|1", "80802|München|1", "20095|Hamburg|2",
                    "50667|Köln|3", "60311|Frankfurt am Main|4"),
            List.of("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße", "Lindenallee",
                    "Friedrichstraße", "Marktplatz", "Bergstraße", "Kirchweg"),
            "Street N", List.of("GmbH", "AG", "GmbH & Co. KG", "KG", "UG"), "de");

    static final Country FR = new Country("FR", "France", "33", "0", List.of("1", "4", "5"), 8,
            List.of("Jean", "Marie", "Pierre", "François", "Hélène", "Zoé", "Jérôme", "Nathalie", "Isabelle", "Philippe",
                    "Stéphane", "Céline", "Amélie", "Sébastien", "Élodie", "Michel", "Anne", "Nicolas", "Camille", "Julien",
                    "Mathilde", "Thibault", "Clément", "Margaux", "Aurélie", "Benoît"),
            List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Fournier", "Gérard"),
            List.of("Beau", "Chabr", "Delam", "Fonten", "Grand", "Lamb", "Mont", "Rich", "Vaill"),
            List.of("ier", "eau", "ard", "ot", "elle", "ac", "ière", "mont", "court"),
            List.of("75001|Paris|0", "75011|Paris|0", "69001|Lyon|1", "13001|Marseille|1", "33000|Bordeaux|2"),
            List.of("Rue de la Paix", "Avenue Victor Hugo", "Rue du Faubourg", "Boulevard Voltaire", "Rue de Rivoli",
                    "Place de la République"),
            "N Street", List.of("SA", "SAS", "S.A.", "SARL"), "fr");

    static final Country ES = new Country("ES", "España", "34", "", List.of("91", "93", "96"), 7,
            List.of("José", "María", "Antonio", "Carmen", "Manuel", "Íñigo", "Lucía", "Javier", "Álvaro", "Sofía",
                    "Raúl", "Inés", "Jesús", "Ana", "Pablo", "Carlos", "Marta", "Elena", "Sergio", "Rocío", "Andrés",
                    "Begoña", "Iker", "Nerea"),
            List.of("García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                    "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Núñez", "Muñoz"),
            List.of("Alba", "Carr", "Echev", "Garr", "Ibarr", "Mend", "Oliv", "Urqu"),
            List.of("arría", "iz", "ado", "ero", "uela", "eda", "ides", "ijo"),
            List.of("28001|Madrid|0", "28013|Madrid|0", "08001|Barcelona|1", "46001|Valencia|2"),
            List.of("Calle Mayor", "Gran Vía", "Calle de Alcalá", "Paseo de Gracia", "Avenida Diagonal"),
            "Street N", List.of("S.L.", "S.A.", "SL", "SA"), "es");

    static final Country IT = new Country("IT", "Italia", "39", "", List.of("02", "06", "011"), 7,
            List.of("Marco", "Giuseppe", "Francesca", "Giulia", "Alessandro", "Luca", "Chiara", "Niccolò", "Andrea",
                    "Paola", "Matteo", "Elena", "Federico", "Lorenzo", "Silvia", "Valentina", "Stefano", "Simona",
                    "Davide", "Martina", "Riccardo", "Ilaria"),
            List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
                    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa"),
            List.of("Bellin", "Cavall", "Fabbr", "Lombard", "Pagan", "Santor", "Tedesc", "Zanett"),
            List.of("ini", "etti", "oni", "ucci", "elli", "aro", "ato", "esi"),
            List.of("20121|Milano|0", "20145|Milano|0", "00184|Roma|1", "10121|Torino|2"),
            List.of("Via Roma", "Corso Buenos Aires", "Via Garibaldi", "Via del Corso", "Piazza Duomo"),
            "Street N", List.of("S.r.l.", "S.p.A.", "Srl", "SpA"), "it");

    static final Country PL = new Country("PL", "Polska", "48", "", List.of("22", "12", "61", "71"), 7,
            List.of("Łukasz", "Paweł", "Michał", "Wojciech", "Małgorzata", "Katarzyna", "Agnieszka", "Piotr",
                    "Krzysztof", "Tomasz", "Anna", "Magdalena", "Aleksander", "Bartłomiej", "Grzegorz", "Jarosław",
                    "Dorota", "Ewa", "Joanna", "Zofia", "Marek", "Jacek", "Beata"),
            List.of("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
                    "Szymański", "Woźniak", "Dąbrowski", "Wojciechowski", "Łukaszewski", "Mazur"),
            List.of("Brzez", "Chmiel", "Grab", "Jabł", "Kwiat", "Przyb", "Sobcz", "Wrób"),
            List.of("owski", "ewicz", "iński", "czyk", "ak", "ecki", "owicz", "uk"),
            List.of("00-001|Warszawa|0", "00-950|Warszawa|0", "30-001|Kraków|1", "60-101|Poznań|2", "50-001|Wrocław|3"),
            List.of("ulica Marszałkowska", "ulica Długa", "aleja Jana Pawła II", "ulica Piotrkowska", "ulica Floriańska"),
            "Street N", List.of("Sp. z o.o.", "S.A.", "sp. z o.o."), "pl");

    static final Country DK = new Country("DK", "Danmark", "45", "", List.of("3", "8"), 7,
            List.of("Søren", "Jørgen", "Mette", "Anne", "Lars", "Henrik", "Åse", "Bjørn", "Kirsten", "Mads", "Rasmus", "Frederik", "Signe", "Ida", "Niels", "Torben",
                    "Birgitte", "Jesper"),
            List.of("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
                    "Rasmussen", "Jørgensen", "Møller", "Kjær"),
            List.of("Bøg", "Dal", "Fjord", "Holm", "Lund", "Skov", "Vest"),
            List.of("gaard", "strup", "holt", "bæk", "lev", "borg"),
            List.of("1050|København|0", "2100|København|0", "8000|Aarhus|1"),
            List.of("Strøget", "Nørregade", "Vesterbrogade", "Søndergade"),
            "Street N", List.of("A/S", "ApS"), "dk");

    /** Weighted by how often the generator picks each: a tenant in Germany with international customers. */
    static final List<Country> ALL = List.of(US, GB, DE, FR, ES, IT, PL, DK);
    static final double[] WEIGHTS = {0.25, 0.12, 0.30, 0.08, 0.07, 0.07, 0.07, 0.04};

    /** Free-mail providers people use for private addresses, by country. */
    static final List<String> FREE_MAIL = List.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de",
            "web.de", "icloud.com", "orange.fr", "libero.it", "wp.pl");

    /** Words companies are named with; a company's name is one or two of them plus a legal form. */
    static final List<String> COMPANY_WORDS = List.of("Nordwind", "Blue Harbor", "Apex", "Kessler", "Alpen", "Silverline",
            "Brightpath", "Quantum", "Helios", "Vector", "Meridian", "Granit", "Lumen", "Orbis", "Falcon", "Cedar",
            "Kraftwerk", "Atlas", "Nova", "Pioneer", "Summit", "Bergmann", "Rhein", "Baltic", "Iberia", "Adriatica",
            "Polaris", "Zenith", "Evergreen", "Northstar", "Oakridge", "Riverside", "Ironbridge", "Goldfeld", "Weiß");
    static final List<String> COMPANY_TRADES = List.of("Logistics", "Systems", "Consulting", "Bau", "Software", "Foods",
            "Energy", "Design", "Medical", "Maschinenbau", "Textiles", "Analytics", "Partners", "Solutions", "Trading",
            "Robotics", "Immobilien", "Media", "Labs", "Industries");

    private Countries() {
    }
}
