package org.partnershipatlas.loaders.generate;

import java.util.List;

/**
 * The kinds of organisation the generator makes, with name patterns: those of every locality, those shared by
 * an area of several localities (police, health authority, probation, ...), those of each region, and national
 * bodies. A pattern's kind that the schemes do not have is skipped.
 */
final class Organisations {
    /**
     * An organisation of a locality or area: between {@code min} and {@code max} of them, named from the patterns
     * ({@code {L}} the locality or area, {@code {W}} a ward, {@code {S}} a surname, {@code {F}} a firm).
     */
    record Template(String kind, String sector, int min, int max, List<String> names) {}

    /** A national or regional body. */
    record Body(String id, String name, String altName, String kind, String sector, String parent, boolean publisher) {}

    /** The organisation as written, and what partnerships need to know of it. */
    record Org(String id, String name, String kind, String sector) {}

    static final String PUBLIC = "public";
    static final String VOLUNTARY = "voluntary-community";
    static final String PRIVATE = "private";

    static final List<Template> LOCAL = List.of(
            new Template("primary-care-trust", PUBLIC, 1, 1, List.of("{L} Primary Care Trust")),
            new Template(
                    "nhs-trust",
                    PUBLIC,
                    0,
                    1,
                    List.of("{L} Hospitals NHS Trust", "{L} and District Community NHS Trust")),
            new Template("youth-offending-service", PUBLIC, 1, 1, List.of("{L} Youth Offending Service")),
            new Template(
                    "school",
                    PUBLIC,
                    1,
                    4,
                    List.of("{W} Primary School", "{W} High School", "{W} Community School", "{W} Infant School")),
            new Template("college", PUBLIC, 1, 1, List.of("{L} College", "{L} College of Further Education")),
            new Template("university", PUBLIC, 0, 1, List.of("University of {L}", "{L} Institute of Higher Education")),
            new Template("employment-service", PUBLIC, 1, 1, List.of("{L} Jobcentre", "Jobcentre Plus {L}")),
            new Template("careers-service", PUBLIC, 0, 1, List.of("{L} Careers Service", "{L} Careers Guidance")),
            new Template(
                    "housing-association",
                    VOLUNTARY,
                    1,
                    2,
                    List.of("{W} Housing Association", "{S} Housing Trust", "{L} Homes", "{L} Community Housing")),
            new Template(
                    "voluntary-organisation",
                    VOLUNTARY,
                    2,
                    6,
                    List.of(
                            "{L} Council for Voluntary Service",
                            "Age Concern {L}",
                            "{L} Citizens Advice Bureau",
                            "{L} Mind",
                            "{L} Victim Support",
                            "{L} Women's Aid",
                            "Home-Start {L}",
                            "{L} Volunteer Bureau",
                            "{L} Youth Action",
                            "{L} Law Centre",
                            "{L} Carers' Centre",
                            "{L} Drugs Project")),
            new Template(
                    "community-group",
                    VOLUNTARY,
                    1,
                    3,
                    List.of(
                            "{W} Residents' Association",
                            "{W} Tenants' Association",
                            "{L} Black and Minority Ethnic Forum",
                            "{L} Disability Forum",
                            "{L} Parents' Forum")),
            new Template(
                    "faith-group",
                    VOLUNTARY,
                    0,
                    1,
                    List.of("{L} Council of Faiths", "{L} Interfaith Forum", "Churches Together in {L}")),
            new Template(
                    "business-association", PRIVATE, 1, 1, List.of("{L} Chamber of Commerce", "{L} Business Forum")),
            new Template("business", PRIVATE, 1, 3, List.of("{F}", "{L} Building Society", "{S} Retail Group")),
            new Template("charitable-foundation", VOLUNTARY, 0, 1, List.of("{L} Community Foundation")));

    static final List<Template> AREA = List.of(
            new Template("police-force", PUBLIC, 1, 1, List.of("{L} Police", "{L} Constabulary")),
            new Template("police-authority", PUBLIC, 1, 1, List.of("{L} Police Authority")),
            new Template("fire-authority", PUBLIC, 1, 1, List.of("{L} Fire and Rescue Authority")),
            new Template("health-authority", PUBLIC, 1, 1, List.of("{L} Health Authority")),
            new Template("probation-service", PUBLIC, 1, 1, List.of("{L} Probation Area")),
            new Template("learning-and-skills-council", PUBLIC, 1, 1, List.of("Learning and Skills Council {L}")));

    /** The English regions: name, regional development agency. */
    static final List<List<String>> REGIONS = List.of(
            List.of("North East", "One NorthEast"),
            List.of("North West", "Northwest Development Agency"),
            List.of("Yorkshire and the Humber", "Yorkshire Forward"),
            List.of("East Midlands", "East Midlands Development Agency"),
            List.of("West Midlands", "Advantage West Midlands"),
            List.of("East of England", "East of England Development Agency"),
            List.of("London", "London Development Agency"),
            List.of("South East", "South East England Development Agency"),
            List.of("South West", "South West of England Regional Development Agency"));

    static final List<Body> NATIONAL = List.of(
            new Body("home-office", "Home Office", null, "government-department", PUBLIC, null, true),
            new Body("department-of-health", "Department of Health", "DH", "government-department", PUBLIC, null, true),
            new Body(
                    "dfes", "Department for Education and Skills", "DfES", "government-department", PUBLIC, null, true),
            new Body("dwp", "Department for Work and Pensions", "DWP", "government-department", PUBLIC, null, true),
            new Body(
                    "odpm", "Office of the Deputy Prime Minister", "ODPM", "government-department", PUBLIC, null, true),
            new Body(
                    "dcms",
                    "Department for Culture, Media and Sport",
                    "DCMS",
                    "government-department",
                    PUBLIC,
                    null,
                    true),
            new Body(
                    "lord-chancellors-department",
                    "Lord Chancellor's Department",
                    "LCD",
                    "government-department",
                    PUBLIC,
                    null,
                    true),
            new Body("hm-treasury", "HM Treasury", null, "government-department", PUBLIC, null, true),
            new Body("cabinet-office", "Cabinet Office", null, "government-department", PUBLIC, null, true),
            new Body(
                    "neighbourhood-renewal-unit",
                    "Neighbourhood Renewal Unit",
                    "NRU",
                    "government-unit",
                    PUBLIC,
                    "odpm",
                    true),
            new Body("social-exclusion-unit", "Social Exclusion Unit", "SEU", "government-unit", PUBLIC, "odpm", true),
            new Body("sure-start-unit", "Sure Start Unit", null, "government-unit", PUBLIC, "dfes", true),
            new Body(
                    "children-and-young-peoples-unit",
                    "Children and Young People's Unit",
                    "CYPU",
                    "government-unit",
                    PUBLIC,
                    "dfes",
                    true),
            new Body(
                    "drugs-strategy-directorate",
                    "Drugs Strategy Directorate",
                    null,
                    "government-unit",
                    PUBLIC,
                    "home-office",
                    true),
            new Body(
                    "active-community-unit",
                    "Active Community Unit",
                    null,
                    "government-unit",
                    PUBLIC,
                    "home-office",
                    true),
            new Body("audit-commission", "Audit Commission", null, "public-body", PUBLIC, null, true),
            new Body(
                    "legal-services-commission", "Legal Services Commission", "LSC", "public-body", PUBLIC, null, true),
            new Body("housing-corporation", "Housing Corporation", null, "public-body", PUBLIC, null, true),
            new Body(
                    "national-treatment-agency",
                    "National Treatment Agency for Substance Misuse",
                    "NTA",
                    "public-body",
                    PUBLIC,
                    "department-of-health",
                    true),
            new Body("youth-justice-board", "Youth Justice Board", "YJB", "public-body", PUBLIC, "home-office", true),
            new Body(
                    "community-development-foundation",
                    "Community Development Foundation",
                    "CDF",
                    "public-body",
                    PUBLIC,
                    null,
                    true),
            new Body(
                    "local-government-association",
                    "Local Government Association",
                    "LGA",
                    "local-government-association",
                    PUBLIC,
                    null,
                    false),
            new Body(
                    "idea",
                    "Improvement and Development Agency",
                    "IDeA",
                    "local-government-association",
                    PUBLIC,
                    null,
                    false),
            new Body(
                    "ncvo",
                    "National Council for Voluntary Organisations",
                    "NCVO",
                    "voluntary-organisation",
                    VOLUNTARY,
                    null,
                    false),
            new Body("nacro", "Nacro", null, "voluntary-organisation", VOLUNTARY, null, false),
            new Body("urban-forum", "Urban Forum", null, "voluntary-organisation", VOLUNTARY, null, false),
            new Body(
                    "joseph-rowntree-foundation",
                    "Joseph Rowntree Foundation",
                    "JRF",
                    "charitable-foundation",
                    VOLUNTARY,
                    null,
                    false),
            new Body("kings-fund", "King's Fund", null, "charitable-foundation", VOLUNTARY, null, false),
            new Body(
                    "new-local-government-network",
                    "New Local Government Network",
                    "NLGN",
                    "think-tank",
                    VOLUNTARY,
                    null,
                    false),
            new Body(
                    "institute-for-public-policy-research",
                    "Institute for Public Policy Research",
                    "IPPR",
                    "think-tank",
                    VOLUNTARY,
                    null,
                    false),
            new Body(
                    "institute-of-local-government-studies",
                    "Institute of Local Government Studies",
                    "INLOGOV",
                    "research-centre",
                    PUBLIC,
                    null,
                    false),
            new Body("policy-press", "The Policy Press", null, "business", PRIVATE, null, false));

    private Organisations() {}
}
