"""The places and organisations of the demo, keyed on natural codes and fixed names.

Names and programmes come from the two news items the product started from: the Association of
Volunteer Centres and the National Volunteer Network of Kazakhstan signed the council agreement
at the Forum of Youth Leaders of Russia and Kazakhstan in Omsk; the Ministry of Information and
Social Development of Kazakhstan extended its partnership agreement with UN Volunteers. The other
organisations are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.orgs.models import OrganisationKind, OrganisationStatus


@dataclass(frozen=True)
class CountrySpec:
    code: str
    code3: str
    numeric: str
    name_ru: str
    name_kk: str
    name_en: str


@dataclass(frozen=True)
class RegionSpec:
    code: str  # ISO 3166-2
    country: str
    name_ru: str
    name_kk: str
    name_en: str


@dataclass(frozen=True)
class CitySpec:
    key: str
    geonames_id: int
    country: str
    region: str
    name_ru: str
    name_kk: str
    name_en: str
    latitude: float
    longitude: float
    population: int
    timezone: str


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    country: str
    city: str
    name_ru: str
    name_kk: str
    name_en: str
    description_ru: str
    description_kk: str
    description_en: str
    status: str = OrganisationStatus.VERIFIED
    parent: str | None = None
    website: str = ""
    email: str = ""


COUNTRIES = (
    CountrySpec("RU", "RUS", "643", "Россия", "Ресей", "Russia"),
    CountrySpec("KZ", "KAZ", "398", "Казахстан", "Қазақстан", "Kazakhstan"),
)

REGIONS = (
    RegionSpec("RU-MOW", "RU", "Москва", "Мәскеу", "Moscow"),
    RegionSpec("RU-SPE", "RU", "Санкт-Петербург", "Санкт-Петербург", "Saint Petersburg"),
    RegionSpec("RU-OMS", "RU", "Омская область", "Омбы облысы", "Omsk Oblast"),
    RegionSpec("RU-NVS", "RU", "Новосибирская область", "Новосібір облысы", "Novosibirsk Oblast"),
    RegionSpec("RU-SVE", "RU", "Свердловская область", "Свердлов облысы", "Sverdlovsk Oblast"),
    RegionSpec(
        "RU-TA", "RU", "Республика Татарстан", "Татарстан Республикасы", "Republic of Tatarstan"
    ),
    RegionSpec("RU-KDA", "RU", "Краснодарский край", "Краснодар өлкесі", "Krasnodar Krai"),
    RegionSpec("KZ-71", "KZ", "Астана", "Астана", "Astana"),
    RegionSpec("KZ-75", "KZ", "Алматы", "Алматы", "Almaty"),
    RegionSpec("KZ-79", "KZ", "Шымкент", "Шымкент", "Shymkent"),
    RegionSpec("KZ-35", "KZ", "Карагандинская область", "Қарағанды облысы", "Karaganda Region"),
)

CITIES = (
    CitySpec(
        "moscow", 524901, "RU", "RU-MOW", "Москва", "Мәскеу", "Moscow",
        55.75222, 37.61556, 10381222, "Europe/Moscow",
    ),
    CitySpec(
        "spb", 498817, "RU", "RU-SPE", "Санкт-Петербург", "Санкт-Петербург", "Saint Petersburg",
        59.93863, 30.31413, 5351935, "Europe/Moscow",
    ),
    CitySpec(
        "omsk", 1496153, "RU", "RU-OMS", "Омск", "Омбы", "Omsk",
        54.99244, 73.36859, 1129281, "Asia/Omsk",
    ),
    CitySpec(
        "novosibirsk", 1496747, "RU", "RU-NVS", "Новосибирск", "Новосібір", "Novosibirsk",
        55.0415, 82.9346, 1612833, "Asia/Novosibirsk",
    ),
    CitySpec(
        "yekaterinburg", 1486209, "RU", "RU-SVE", "Екатеринбург", "Екатеринбор", "Yekaterinburg",
        56.8519, 60.6122, 1495066, "Asia/Yekaterinburg",
    ),
    CitySpec(
        "kazan", 551487, "RU", "RU-TA", "Казань", "Қазан", "Kazan",
        55.78874, 49.12214, 1243500, "Europe/Moscow",
    ),
    CitySpec(
        "sochi", 491422, "RU", "RU-KDA", "Сочи", "Сочи", "Sochi",
        43.59917, 39.72569, 343334, "Europe/Moscow",
    ),
    CitySpec(
        "astana", 1526273, "KZ", "KZ-71", "Астана", "Астана", "Astana",
        51.1801, 71.44598, 1350228, "Asia/Almaty",
    ),
    CitySpec(
        "almaty", 1526384, "KZ", "KZ-75", "Алматы", "Алматы", "Almaty",
        43.25667, 76.92861, 2000900, "Asia/Almaty",
    ),
    CitySpec(
        "shymkent", 1518980, "KZ", "KZ-79", "Шымкент", "Шымкент", "Shymkent",
        42.3, 69.6, 1002291, "Asia/Almaty",
    ),
    CitySpec(
        "karaganda", 609655, "KZ", "KZ-35", "Караганда", "Қарағанды", "Karaganda",
        49.80187, 73.10211, 497777, "Asia/Almaty",
    ),
)  # fmt: skip

K = OrganisationKind

ORGANISATIONS = (
    OrganisationSpec(
        key="avc",
        kind=K.NATIONAL_NETWORK,
        country="RU",
        city="moscow",
        name_ru="Ассоциация волонтерских центров",
        name_kk="Еріктілік орталықтар қауымдастығы",
        name_en="Association of Volunteer Centres",
        description_ru=(
            "Национальная волонтерская сеть России. С 2017 года вместе с Национальной "
            "волонтерской сетью Казахстана ведет международную программу «Волонтеры мира»; "
            "подписала соглашение о Волонтерском совете на Форуме молодежных лидеров России "
            "и Казахстана в Омске."
        ),
        description_kk=(
            "Ресейдің ұлттық еріктілік желісі. 2017 жылдан бастап Қазақстанның Ұлттық "
            "еріктілік желісімен бірге «Әлем еріктілері» халықаралық бағдарламасын жүргізеді."
        ),
        description_en=(
            "Russia's national volunteer network. Since 2017 it has run the international "
            "programme “Volunteers of the World” with the National Volunteer Network of "
            "Kazakhstan, and signed the Volunteer Council agreement at the Forum of Youth "
            "Leaders of Russia and Kazakhstan in Omsk."
        ),
        website="https://avc.council.example",
        email="avc@council.example",
    ),
    OrganisationSpec(
        key="nvn",
        kind=K.NATIONAL_NETWORK,
        country="KZ",
        city="astana",
        name_ru="Национальная волонтерская сеть Республики Казахстан",
        name_kk="Қазақстан Республикасының Ұлттық еріктілік желісі",
        name_en="National Volunteer Network of the Republic of Kazakhstan",
        description_ru=(
            "Национальная волонтерская сеть Казахстана, ключевой партнер Ассоциации "
            "волонтерских центров. Готовила Год добровольца 2020 и Международный год "
            "добровольцев 2026."
        ),
        description_kk=(
            "Қазақстанның ұлттық еріктілік желісі, Еріктілік орталықтар қауымдастығының "
            "негізгі серіктесі. 2020 жылғы Ерікті жылын дайындады."
        ),
        description_en=(
            "Kazakhstan's national volunteer network and the key partner of the Association of "
            "Volunteer Centres. It prepared the Year of the Volunteer 2020 and prepares the "
            "International Volunteer Year 2026."
        ),
        website="https://nvn.council.example",
        email="nvn@council.example",
    ),
    OrganisationSpec(
        key="spb",
        kind=K.VOLUNTEER_CENTRE,
        country="RU",
        city="spb",
        parent="avc",
        name_ru="Волонтерский центр «Добрый Петербург»",
        name_kk="«Мейірімді Петербург» еріктілік орталығы",
        name_en="Kind Petersburg Volunteer Centre",
        description_ru="Городской волонтерский центр: события, музеи, помощь пожилым людям.",
        description_kk="Қалалық еріктілік орталық: іс-шаралар, мұражайлар, қарттарға көмек.",
        description_en="City volunteer centre: events, museums, help for older people.",
        email="spb@council.example",
    ),
    OrganisationSpec(
        key="omsk",
        kind=K.VOLUNTEER_CENTRE,
        country="RU",
        city="omsk",
        parent="avc",
        name_ru="Омский региональный волонтерский центр",
        name_kk="Омбы өңірлік еріктілік орталығы",
        name_en="Omsk Regional Volunteer Centre",
        description_ru=(
            "Принимал волонтеров Форума молодежных лидеров России и Казахстана; ведет "
            "приграничные проекты с Павлодарской и Северо-Казахстанской областями."
        ),
        description_kk=("Ресей мен Қазақстан жастар көшбасшылары форумының еріктілерін қабылдады."),
        description_en=(
            "Hosted the volunteers of the Forum of Youth Leaders of Russia and Kazakhstan; runs "
            "cross-border projects with the neighbouring regions of Kazakhstan."
        ),
        email="omsk@council.example",
    ),
    OrganisationSpec(
        key="silver",
        kind=K.NGO,
        country="RU",
        city="novosibirsk",
        name_ru="АНО «Серебряные волонтеры Сибири»",
        name_kk="«Сібірдің күміс еріктілері» АКҰ",
        name_en="Silver Volunteers of Siberia",
        description_ru="Добровольцы-наставники старшего возраста: наставничество, досуг, здоровье.",
        description_kk="Аға буын тәлімгер еріктілер: тәлімгерлік, бос уақыт, денсаулық.",
        description_en="Mentor (“silver”) volunteers aged 55+: mentoring, leisure, health.",
        email="silver@council.example",
    ),
    OrganisationSpec(
        key="company",
        kind=K.COMPANY,
        country="RU",
        city="yekaterinburg",
        name_ru="АО «Уральская энергетическая компания»",
        name_kk="«Орал энергетикалық компаниясы» АҚ",
        name_en="Ural Energy Company JSC",
        description_ru=(
            "Программа корпоративного волонтерства: экологические акции и наставничество "
            "для сотрудников, оплачиваемые дни волонтерства."
        ),
        description_kk="Корпоративтік еріктілік бағдарлама: экологиялық акциялар, тәлімгерлік.",
        description_en=(
            "Corporate volunteering programme: environmental campaigns and mentoring for "
            "employees, paid volunteer time off."
        ),
        website="https://uec.council.example",
        email="csr@council.example",
    ),
    OrganisationSpec(
        key="university",
        kind=K.EDUCATION,
        country="RU",
        city="kazan",
        name_ru="Поволжский университет социальных технологий",
        name_kk="Еділ бойы әлеуметтік технологиялар университеті",
        name_en="Volga University of Social Technologies",
        description_ru="Студенческий волонтерский центр: волонтеры-медики, событийные проекты.",
        description_kk="Студенттік еріктілік орталық: медик-еріктілер, іс-шаралар.",
        description_en="Student volunteer centre: medical volunteers and event volunteering.",
        email="university@council.example",
    ),
    OrganisationSpec(
        key="sochi",
        kind=K.VOLUNTEER_CENTRE,
        country="RU",
        city="sochi",
        status=OrganisationStatus.PENDING,
        name_ru="Волонтерский клуб «Черноморье»",
        name_kk="«Қара теңіз жағалауы» еріктілік клубы",
        name_en="Chernomorye Volunteer Club",
        description_ru="Волонтеры международных форумов в Сочи; ждет проверки национальной сетью.",
        description_kk="Сочидегі халықаралық форумдардың еріктілері.",
        description_en="Volunteers for the international forums held in Sochi.",
        email="sochi@council.example",
    ),
    OrganisationSpec(
        key="ministry",
        kind=K.GOVERNMENT,
        country="KZ",
        city="astana",
        name_ru="Министерство информации и общественного развития Республики Казахстан",
        name_kk="Қазақстан Республикасының Ақпарат және қоғамдық даму министрлігі",
        name_en="Ministry of Information and Social Development of the Republic of Kazakhstan",
        description_ru=(
            "Государственный орган, отвечающий за развитие волонтерства; партнер программы "
            "добровольцев ООН по соглашению с полным финансированием на три года."
        ),
        description_kk=(
            "Еріктілікті дамытуға жауапты мемлекеттік орган; БҰҰ Еріктілері "
            "бағдарламасының серіктесі."
        ),
        description_en=(
            "The government body responsible for volunteering; partner of UN Volunteers under "
            "a fully funded three-year partnership agreement."
        ),
        email="ministry@council.example",
    ),
    OrganisationSpec(
        key="unv",
        kind=K.INTERNATIONAL,
        country="KZ",
        city="astana",
        name_ru="Программа добровольцев ООН (ДООН)",
        name_kk="БҰҰ Еріктілері бағдарламасы",
        name_en="United Nations Volunteers (UNV)",
        description_ru=(
            "Направляет национальных добровольцев Казахстана в проекты ООН и готовит "
            "Международный год добровольцев в интересах устойчивого развития 2026."
        ),
        description_kk=("Қазақстанның ұлттық еріктілерін БҰҰ жобаларына жібереді."),
        description_en=(
            "Deploys national volunteers of Kazakhstan to UN projects and prepares the "
            "International Volunteer Year for Sustainable Development 2026."
        ),
        website="https://unv.council.example",
        email="unv@council.example",
    ),
    OrganisationSpec(
        key="almaty",
        kind=K.VOLUNTEER_CENTRE,
        country="KZ",
        city="almaty",
        parent="nvn",
        name_ru="Волонтерский центр города Алматы",
        name_kk="Алматы қаласының еріктілік орталығы",
        name_en="Almaty City Volunteer Centre",
        description_ru="Городские проекты, помощь пожилым, волонтеры Международного форума.",
        description_kk="Қалалық жобалар, қарттарға көмек, халықаралық форум еріктілері.",
        description_en="City projects, help for older people, International Forum volunteers.",
        email="almaty@council.example",
    ),
    OrganisationSpec(
        key="meyirim",
        kind=K.NGO,
        country="KZ",
        city="karaganda",
        name_ru="Общественный фонд «Мейірім»",
        name_kk="«Мейірім» қоғамдық қоры",
        name_en="Meyirim Public Foundation",
        description_ru="Помощь людям с инвалидностью и многодетным семьям.",
        description_kk="Мүгедектігі бар адамдарға және көпбалалы отбасыларға көмек.",
        description_en="Help for people with disabilities and large families.",
        email="meyirim@council.example",
    ),
    OrganisationSpec(
        key="green",
        kind=K.INFORMAL_GROUP,
        country="KZ",
        city="almaty",
        name_ru="Инициативная группа «Жасыл Алматы»",
        name_kk="«Жасыл Алматы» бастамашыл тобы",
        name_en="Green Almaty Initiative Group",
        description_ru="Субботники в предгорьях и посадка деревьев по выходным.",
        description_kk="Демалыс күндері тау бөктерін тазалау және ағаш отырғызу.",
        description_en="Weekend clean-ups in the foothills and tree planting.",
    ),
    OrganisationSpec(
        key="shymkent",
        kind=K.VOLUNTEER_CENTRE,
        country="KZ",
        city="shymkent",
        status=OrganisationStatus.PENDING,
        name_ru="Молодежный волонтерский центр «Жастар»",
        name_kk="«Жастар» жастар еріктілік орталығы",
        name_en="Zhastar Youth Volunteer Centre",
        description_ru="Молодежные волонтерские проекты Шымкента; ждет проверки.",
        description_kk="Шымкент жастарының еріктілік жобалары.",
        description_en="Youth volunteering projects in Shymkent.",
        email="shymkent@council.example",
    ),
)
