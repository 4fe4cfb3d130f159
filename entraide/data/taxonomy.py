"""The initial taxonomy: the six sectors of help (seed 002), their themes, and the
regions (Swiss cantons and 'online, anywhere'). Names: French, German, Italian, English.
Staff edit all of it in the admin afterwards; this only seeds a new database."""

SECTORS = [
    ("illness", "La maladie", "Krankheit", "La malattia", "Illness"),
    ("after-effects", "Les suites d'opérations et de traitements", "Folgen von Operationen und Behandlungen", "Le conseguenze di operazioni e trattamenti", "After-effects of operations and treatments"),
    ("disability", "Le handicap", "Behinderung", "La disabilità", "Disability"),
    ("dependency", "La dépendance", "Abhängigkeit", "La dipendenza", "Dependency"),
    ("behaviour", "Les troubles du comportement", "Verhaltensstörungen", "I disturbi del comportamento", "Behavioural disorders"),
    ("life-events", "La situation sociale et les événements de vie", "Soziale Situation und Lebensereignisse", "La situazione sociale e gli eventi della vita", "Social situation and life events"),
]

# code, sector, rare, fr, de, it, en
THEMES = [
    ("epilepsy", "illness", False, "Épilepsie", "Epilepsie", "Epilessia", "Epilepsy"),
    ("cancer", "illness", False, "Cancer", "Krebs", "Cancro", "Cancer"),
    ("multiple-sclerosis", "illness", False, "Sclérose en plaques", "Multiple Sklerose", "Sclerosi multipla", "Multiple sclerosis"),
    ("parkinson", "illness", False, "Maladie de Parkinson", "Parkinson-Krankheit", "Malattia di Parkinson", "Parkinson's disease"),
    ("fibromyalgia", "illness", False, "Fibromyalgie", "Fibromyalgie", "Fibromialgia", "Fibromyalgia"),
    ("chronic-pain", "illness", False, "Douleurs chroniques", "Chronische Schmerzen", "Dolore cronico", "Chronic pain"),
    ("crohn", "illness", False, "Maladie de Crohn et colite", "Morbus Crohn und Colitis", "Morbo di Crohn e colite", "Crohn's disease and colitis"),
    ("diabetes", "illness", False, "Diabète", "Diabetes", "Diabete", "Diabetes"),
    ("long-covid", "illness", False, "Covid long", "Long Covid", "Long Covid", "Long COVID"),
    ("hepatitis", "illness", False, "Hépatites", "Hepatitis", "Epatiti", "Hepatitis"),
    ("huntington", "illness", True, "Maladie de Huntington", "Chorea Huntington", "Malattia di Huntington", "Huntington's disease"),
    ("als", "illness", True, "Sclérose latérale amyotrophique (SLA)", "Amyotrophe Lateralsklerose (ALS)", "Sclerosi laterale amiotrofica (SLA)", "Amyotrophic lateral sclerosis (ALS)"),
    ("ehlers-danlos", "illness", True, "Syndrome d'Ehlers-Danlos", "Ehlers-Danlos-Syndrom", "Sindrome di Ehlers-Danlos", "Ehlers-Danlos syndrome"),
    ("rare-disease", "illness", True, "Maladies rares et orphelines", "Seltene Krankheiten", "Malattie rare", "Rare and orphan diseases"),
    ("depression", "illness", False, "Dépression", "Depression", "Depressione", "Depression"),
    ("anxiety", "illness", False, "Anxiété et troubles anxieux", "Angst und Angststörungen", "Ansia e disturbi d'ansia", "Anxiety disorders"),
    ("bipolar", "illness", False, "Troubles bipolaires", "Bipolare Störung", "Disturbo bipolare", "Bipolar disorder"),
    ("stoma", "after-effects", False, "Stomie", "Stoma", "Stomia", "Stoma"),
    ("transplant", "after-effects", False, "Greffe d'organe", "Organtransplantation", "Trapianto d'organi", "Organ transplant"),
    ("brain-injury", "after-effects", False, "Lésion cérébrale", "Hirnverletzung", "Lesione cerebrale", "Brain injury"),
    ("laryngectomy", "after-effects", True, "Laryngectomie", "Kehlkopfentfernung", "Laringectomia", "Laryngectomy"),
    ("visual-impairment", "disability", False, "Déficience visuelle et cécité", "Sehbehinderung und Blindheit", "Disabilità visiva e cecità", "Visual impairment and blindness"),
    ("hearing-loss", "disability", False, "Surdité et malentendance", "Gehörlosigkeit und Schwerhörigkeit", "Sordità e ipoacusia", "Deafness and hearing loss"),
    ("autism", "disability", False, "Autisme", "Autismus", "Autismo", "Autism"),
    ("adhd", "disability", False, "TDAH", "ADHS", "ADHD", "ADHD"),
    ("alcohol", "dependency", False, "Alcool", "Alkohol", "Alcol", "Alcohol"),
    ("drugs", "dependency", False, "Drogues et médicaments", "Drogen und Medikamente", "Droghe e farmaci", "Drugs and medication"),
    ("gambling", "dependency", False, "Jeu excessif", "Glücksspielsucht", "Gioco d'azzardo", "Gambling"),
    ("relatives-addiction", "dependency", False, "Proches de personnes dépendantes", "Angehörige von Suchtkranken", "Familiari di persone dipendenti", "Relatives of people with addiction"),
    ("eating-disorders", "behaviour", False, "Troubles alimentaires", "Essstörungen", "Disturbi alimentari", "Eating disorders"),
    ("compulsive-disorders", "behaviour", False, "Troubles obsessionnels compulsifs", "Zwangsstörungen", "Disturbi ossessivo-compulsivi", "Obsessive-compulsive disorders"),
    ("self-harm", "behaviour", False, "Automutilation", "Selbstverletzung", "Autolesionismo", "Self-harm"),
    ("grief", "life-events", False, "Deuil", "Trauer", "Lutto", "Grief"),
    ("suicide-bereavement", "life-events", False, "Deuil après un suicide", "Trauer nach Suizid", "Lutto dopo un suicidio", "Bereavement by suicide"),
    ("parenting", "life-events", False, "Parentalité", "Elternschaft", "Genitorialità", "Parenting"),
    ("single-parents", "life-events", False, "Familles monoparentales", "Alleinerziehende", "Famiglie monoparentali", "Single parents"),
    ("separation", "life-events", False, "Séparation et divorce", "Trennung und Scheidung", "Separazione e divorzio", "Separation and divorce"),
    ("caregivers", "life-events", False, "Proches aidants", "Pflegende Angehörige", "Familiari curanti", "Family caregivers"),
    ("sexual-orientation", "life-events", False, "Orientation sexuelle et identité de genre", "Sexuelle Orientierung und Geschlechtsidentität", "Orientamento sessuale e identità di genere", "Sexual orientation and gender identity"),
    ("unemployment", "life-events", False, "Chômage", "Arbeitslosigkeit", "Disoccupazione", "Unemployment"),
    ("violence", "life-events", False, "Violence vécue", "Erlebte Gewalt", "Violenza subita", "Experience of violence"),
]

# code, fr, de, it, en
REGIONS = [
    ("online", "En ligne, partout", "Online, überall", "Online, ovunque", "Online, anywhere"),
    ("ag", "Argovie", "Aargau", "Argovia", "Aargau"),
    ("ai", "Appenzell Rhodes-Intérieures", "Appenzell Innerrhoden", "Appenzello Interno", "Appenzell Innerrhoden"),
    ("ar", "Appenzell Rhodes-Extérieures", "Appenzell Ausserrhoden", "Appenzello Esterno", "Appenzell Ausserrhoden"),
    ("be", "Berne", "Bern", "Berna", "Bern"),
    ("bl", "Bâle-Campagne", "Basel-Landschaft", "Basilea Campagna", "Basel-Landschaft"),
    ("bs", "Bâle-Ville", "Basel-Stadt", "Basilea Città", "Basel-Stadt"),
    ("fr", "Fribourg", "Freiburg", "Friburgo", "Fribourg"),
    ("ge", "Genève", "Genf", "Ginevra", "Geneva"),
    ("gl", "Glaris", "Glarus", "Glarona", "Glarus"),
    ("gr", "Grisons", "Graubünden", "Grigioni", "Graubünden"),
    ("ju", "Jura", "Jura", "Giura", "Jura"),
    ("lu", "Lucerne", "Luzern", "Lucerna", "Lucerne"),
    ("ne", "Neuchâtel", "Neuenburg", "Neuchâtel", "Neuchâtel"),
    ("nw", "Nidwald", "Nidwalden", "Nidvaldo", "Nidwalden"),
    ("ow", "Obwald", "Obwalden", "Obvaldo", "Obwalden"),
    ("sg", "Saint-Gall", "St. Gallen", "San Gallo", "St. Gallen"),
    ("sh", "Schaffhouse", "Schaffhausen", "Sciaffusa", "Schaffhausen"),
    ("so", "Soleure", "Solothurn", "Soletta", "Solothurn"),
    ("sz", "Schwytz", "Schwyz", "Svitto", "Schwyz"),
    ("tg", "Thurgovie", "Thurgau", "Turgovia", "Thurgau"),
    ("ti", "Tessin", "Tessin", "Ticino", "Ticino"),
    ("ur", "Uri", "Uri", "Uri", "Uri"),
    ("vd", "Vaud", "Waadt", "Vaud", "Vaud"),
    ("vs", "Valais", "Wallis", "Vallese", "Valais"),
    ("zg", "Zoug", "Zug", "Zugo", "Zug"),
    ("zh", "Zurich", "Zürich", "Zurigo", "Zurich"),
]


def load(apps) -> None:
    """Create what is missing; never overwrite what staff edited."""
    Sector = apps.get_model("entraide", "Sector")
    Theme = apps.get_model("entraide", "Theme")
    Region = apps.get_model("entraide", "Region")
    sectors = {}
    for position, (code, fr, de, it, en) in enumerate(SECTORS):
        sectors[code], _ = Sector.objects.get_or_create(
            code=code, defaults=dict(position=position, name_fr=fr, name_de=de, name_it=it, name_en=en)
        )
    for code, sector, rare, fr, de, it, en in THEMES:
        Theme.objects.get_or_create(
            code=code,
            defaults=dict(sector=sectors[sector], is_rare=rare, name_fr=fr, name_de=de, name_it=it, name_en=en),
        )
    for position, (code, fr, de, it, en) in enumerate(REGIONS):
        Region.objects.get_or_create(
            code=code,
            defaults=dict(position=0 if code == "online" else 10, is_online=code == "online",
                          name_fr=fr, name_de=de, name_it=it, name_en=en),
        )
