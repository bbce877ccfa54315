package org.partnershipatlas.loaders.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Made-up but plausible English names: localities and the larger areas (police, health, probation) they belong
 * to, wards, people and firms. Localities and areas come from a seeded permutation of name parts, so the i-th name
 * can be computed on its own and names stay unique; past the supply of parts a number is added.
 */
final class Names {
    private static final List<String> PLACE_HEADS = List.of(
            "Ash", "Brad", "Bram", "Brook", "Burn", "Calder", "Chad", "Chester", "Cold", "Crow", "Dun", "East", "Elm",
            "Fair", "Fern", "Gos", "Grim", "Hal", "Hart", "Hather", "Hazel", "Holm", "Ips", "Kes", "Kings", "Lang",
            "Lea", "Lind", "Long", "Marl", "Mel", "Mill", "Moor", "Nether", "New", "North", "Oak", "Old", "Pen", "Pock",
            "Ram", "Red", "Rother", "Salt", "Sand", "Sel", "Shep", "Silver", "South", "Stan", "Stock", "Stone", "Sud",
            "Swan", "Thorn", "Tid", "Wal", "Wake", "Water", "West", "Whit", "Wick", "Wil", "Wind", "Wood", "Wor", "Wyn",
            "Yar");
    private static final List<String> PLACE_TAILS = List.of(
            "ford", "ton", "ham", "bury", "wick", "field", "ley", "by", "worth", "borough", "bridge", "cester",
            "caster", "mouth", "stead", "well", "dale", "minster", "hampton", "ington", "thorpe", "combe", "hurst",
            "den", "wood", "marsh", "haven", "cliffe", "brook", "gate");
    private static final List<String> AREA_HEADS = List.of(
            "Avon", "Bere", "Cleve", "Dere", "Eden", "Fen", "Glen", "Hurne", "Isle", "Kenn", "Lune", "Mendle", "Nene",
            "Ouse", "Pedder", "Quant", "Ribble", "Sever", "Tamar", "Ure", "Vale", "Wey", "Wye", "Yeo");
    private static final List<String> AREA_TAILS =
            List.of("shire", "land", "dale", "mere", "side", " Valley", " and Downs", " Forest", " Weald");
    private static final List<String> WARD_FORMS =
            List.of("%s Central", "%s North", "%s South", "%s East", "%s West", "Old %s", "Upper %s", "Lower %s");
    private static final List<String> WARD_NAMES = List.of(
            "Abbey",
            "Bankside",
            "Beacon",
            "Bridge",
            "Castle",
            "Church",
            "Cliff",
            "Common",
            "Cross",
            "Docks",
            "Eastfield",
            "Fairway",
            "Forest",
            "Grange",
            "Green",
            "Harbour",
            "Heath",
            "Highfield",
            "Hillside",
            "Kingsway",
            "Lakeside",
            "Manor",
            "Market",
            "Meadow",
            "Mill",
            "Moorside",
            "Newtown",
            "Orchard",
            "Park",
            "Priory",
            "Queensway",
            "Riverside",
            "St Andrew's",
            "St Anne's",
            "St James's",
            "St John's",
            "St Mark's",
            "St Mary's",
            "St Peter's",
            "Southgate",
            "Station",
            "Thornhill",
            "Town",
            "Victoria",
            "Westgate",
            "Willow",
            "Woodside");
    private static final List<String> SURNAMES = List.of(
            "Ahmed",
            "Ainsworth",
            "Appleby",
            "Barker",
            "Bhatti",
            "Booth",
            "Bradshaw",
            "Brennan",
            "Chowdhury",
            "Clarke",
            "Cooper",
            "Dawson",
            "Desai",
            "Dixon",
            "Evans",
            "Fletcher",
            "Foster",
            "Gill",
            "Gordon",
            "Greenwood",
            "Hall",
            "Hargreaves",
            "Hewitt",
            "Holt",
            "Hughes",
            "Hussain",
            "Jackson",
            "Kaur",
            "Kelly",
            "Kershaw",
            "Lawson",
            "Lomax",
            "Marsden",
            "Mason",
            "Mistry",
            "Morgan",
            "Nolan",
            "Okafor",
            "Owen",
            "Parkinson",
            "Patel",
            "Pearson",
            "Quinn",
            "Rahman",
            "Rees",
            "Riley",
            "Shaw",
            "Singh",
            "Slater",
            "Taylor",
            "Thornton",
            "Turner",
            "Wainwright",
            "Walsh",
            "Whittaker",
            "Wilkinson",
            "Wright",
            "Yates");
    private static final List<String> INITIALS = List.of(
            "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "V.",
            "W.");
    private static final List<String> TRADES = List.of(
            "Engineering Ltd",
            "Building Society",
            "Construction plc",
            "Foods Ltd",
            "Printing Ltd",
            "Logistics Ltd",
            "Textiles Ltd",
            "Motors Ltd",
            "Brewery Ltd",
            "Packaging plc",
            "and Sons Ltd",
            "Electrical Ltd");

    private final List<String> places;
    private final List<String> areas;

    /** Name permutations for one seed. */
    Names(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.places = shuffled(combine(PLACE_HEADS, PLACE_TAILS), random);
        this.areas = shuffled(combine(AREA_HEADS, AREA_TAILS), random);
    }

    /** The name of locality {@code i}: unique over all i. */
    String locality(int i) {
        return numbered(places, i);
    }

    /** The name of area {@code i}: unique over all i, never the name of a locality. */
    String area(int i) {
        return numbered(areas, i);
    }

    /** A list of ward names for a locality, in a random order. */
    static List<String> wards(String locality, SplittableRandom random) {
        List<String> wards = new ArrayList<>(WARD_NAMES);
        for (String form : WARD_FORMS) {
            wards.add(String.format(Locale.ROOT, form, locality));
        }
        return shuffled(wards, random);
    }

    /** Someone's name as a document's creator gives it: "K. Hargreaves". */
    static String person(SplittableRandom random) {
        return pick(INITIALS, random) + " " + pick(SURNAMES, random);
    }

    static String surname(SplittableRandom random) {
        return pick(SURNAMES, random);
    }

    static String firm(SplittableRandom random) {
        return pick(SURNAMES, random) + " " + pick(TRADES, random);
    }

    /** A slug from a name: lower case, runs of other characters as one '-'. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    static <T> List<T> shuffled(List<T> list, SplittableRandom random) {
        List<T> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy;
    }

    private static String numbered(List<String> names, int i) {
        String name = names.get(i % names.size());
        int round = i / names.size();
        return round == 0 ? name : name + " " + (round + 1);
    }

    private static List<String> combine(List<String> heads, List<String> tails) {
        Set<String> names = new LinkedHashSet<>();
        for (String head : heads) {
            for (String tail : tails) {
                names.add(head + tail);
            }
        }
        return new ArrayList<>(names);
    }
}
