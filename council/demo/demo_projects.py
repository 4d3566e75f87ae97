"""The demo's projects, opportunities, shifts and applications.

Inspired by the two news items the product started from: the international programme
“Volunteers of the World” (since 2017), the International Forum of “silver” volunteers and of
medical volunteers, the International Volunteer Forum in Sochi, the Year of the Volunteer in
Kazakhstan. Texts are in ru/kk/en and use their words in several forms, so that the search
demo finds “посадка деревьев” by “посадить дерево” and “ағаш отырғызу” by “ағаштарды”.

Dates are days from the day the demo is seeded; times are local to the opportunity's city (or
the owner's city when online) and are stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.projects.models import ApplicationMode, RestrictedCategory

Texts = tuple[str, str, str]  # ru, kk, en
INSTANT = ApplicationMode.INSTANT
REVIEW = ApplicationMode.REVIEW
EMERGENCY = RestrictedCategory.EMERGENCY


@dataclass(frozen=True)
class ShiftSpec:
    days: int  # from today
    at: str  # local "HH:MM"
    hours: float
    capacity: int
    weekday: int | None = None  # move to the first such weekday (0 = Monday) on or after


@dataclass(frozen=True)
class OpportunitySpec:
    key: str
    title: Texts
    description: Texts
    city: str | None  # key in catalogue.CITIES; None: online
    mode: str
    skills: tuple[str, ...]
    shifts: tuple[ShiftSpec, ...] = ()
    capacity: int = 0  # without shifts
    min_age: int = 0
    medical: bool = False
    restricted: str = ""
    languages: tuple[tuple[str, str], ...] = ()
    questions: Texts = ("", "", "")
    address: str = ""


@dataclass(frozen=True)
class ProjectSpec:
    key: str
    owner: str  # organisation key in catalogue.ORGANISATIONS
    title: Texts
    description: Texts
    causes: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    starts: int  # days from today
    ends: int
    opportunities: tuple[OpportunitySpec, ...]
    partners: tuple[str, ...] = ()
    programme: str = ""
    flagship: bool = False


@dataclass(frozen=True)
class ApplicationSpec:
    volunteer: str  # email
    project: str
    opportunity: str
    shift: int | None = None  # position in the opportunity's shifts
    accept: bool = False  # the owner's admin accepts it (review mode)


SATURDAY, SUNDAY = 5, 6

PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        key="world",
        owner="avc",
        partners=("nvn",),
        programme="Волонтеры мира",
        flagship=True,
        title=(
            "«Волонтеры мира»: обмен волонтерами России и Казахстана",
            "«Әлем еріктілері»: Ресей мен Қазақстан еріктілерінің алмасуы",
            "Volunteers of the World: Russia–Kazakhstan volunteer exchange",
        ),
        description=(
            "Флагманский проект международной программы «Волонтеры мира», которую Ассоциация "
            "волонтерских центров и Национальная волонтерская сеть Казахстана ведут с 2017 "
            "года. Делегации волонтеров из России едут в Астану, а из Казахстана — в Москву: "
            "обмениваются опытом, знакомятся с проектами и вместе проводят добровольческие "
            "акции.",
            "Еріктілік орталықтар қауымдастығы мен Қазақстанның Ұлттық еріктілік желісі "
            "2017 жылдан бері жүргізіп келе жатқан «Әлем еріктілері» халықаралық "
            "бағдарламасының флагмандық жобасы. Ресей еріктілерінің делегациялары Астанаға, "
            "ал Қазақстан еріктілері Мәскеуге барып, тәжірибе алмасады, жобалармен танысады "
            "және бірлескен еріктілер акцияларын өткізеді.",
            "Flagship project of the international programme “Volunteers of the World”, run by "
            "the Association of Volunteer Centres and the National Volunteer Network of "
            "Kazakhstan since 2017. Volunteer delegations from Russia travel to Astana and from "
            "Kazakhstan to Moscow to share experience, get to know each other's projects and "
            "run volunteering campaigns together.",
        ),
        causes=("culture", "mentoring"),
        sdg_targets=("17.17", "4.7"),
        starts=-20,
        ends=90,
        opportunities=(
            OpportunitySpec(
                key="delegation",
                title=(
                    "Участник обменной делегации в Астану",
                    "Астанаға алмасу делегациясының қатысушысы",
                    "Exchange delegation member: trip to Astana",
                ),
                description=(
                    "Отбираем волонтеров в делегацию России для поездки в Астану: встречи с "
                    "волонтерскими центрами Казахстана, совместная акция и презентации "
                    "проектов. Участникам оплачивают проезд и проживание.",
                    "Астанаға сапарға Ресей делегациясына еріктілерді іріктейміз: "
                    "Қазақстанның еріктілік орталықтарымен кездесулер, бірлескен акция және "
                    "жобалар таныстырылымы. Қатысушылардың жол жүруі мен тұруы төленеді.",
                    "We are selecting volunteers for the Russian delegation to Astana: meetings "
                    "with Kazakhstan's volunteer centres, a joint campaign and project "
                    "presentations. Travel and accommodation are paid.",
                ),
                city="astana",
                mode=REVIEW,
                skills=("public-speaking", "project-management"),
                min_age=18,
                questions=(
                    "Расскажите о своем волонтерском опыте.\n"
                    "Какой проект вы хотели бы представить в Астане?",
                    "Еріктілік тәжірибеңіз туралы айтып беріңіз.\n"
                    "Астанада қандай жобаны таныстырғыңыз келеді?",
                    "Tell us about your volunteering experience.\n"
                    "Which project would you like to present in Astana?",
                ),
                shifts=(ShiftSpec(21, "09:00", 9, 10),),
            ),
            OpportunitySpec(
                key="mentor",
                title=(
                    "Онлайн-наставник участников обмена",
                    "Алмасу қатысушыларының онлайн тәлімгері",
                    "Online mentor for exchange participants",
                ),
                description=(
                    "Помогите участникам обмена подготовиться к поездке: онлайн-встречи раз в "
                    "неделю, советы по проектам и культурным традициям страны-партнера.",
                    "Алмасу қатысушыларына сапарға дайындалуға көмектесіңіз: аптасына бір рет "
                    "онлайн кездесу, жобалар мен серіктес елдің мәдени дәстүрлері туралы "
                    "кеңестер.",
                    "Help exchange participants prepare for their trip: weekly online meetings "
                    "and advice on projects and the partner country's cultural traditions.",
                ),
                city=None,
                mode=INSTANT,
                skills=("mentoring", "facilitation"),
                languages=(("ru", "B2"),),
                shifts=(
                    ShiftSpec(5, "19:00", 1.5, 5),
                    ShiftSpec(12, "19:00", 1.5, 5),
                    ShiftSpec(19, "19:00", 1.5, 5),
                ),
            ),
            OpportunitySpec(
                key="interpreter",
                title=(
                    "Устный переводчик казахского языка для делегаций",
                    "Делегацияларға арналған қазақ тілінің ауызша аудармашысы",
                    "Kazakh interpreter for delegations",
                ),
                description=(
                    "Принимаем делегацию волонтеров из Казахстана в Москве: нужен переводчик "
                    "для встреч, экскурсий и круглого стола.",
                    "Мәскеуде Қазақстан еріктілерінің делегациясын қабылдаймыз: кездесулерге, "
                    "экскурсияларға және дөңгелек үстелге аудармашы қажет.",
                    "We are hosting a delegation of volunteers from Kazakhstan in Moscow and "
                    "need an interpreter for meetings, tours and a round table.",
                ),
                city="moscow",
                address="ул. Тверская, 7",
                mode=REVIEW,
                skills=("interpreting", "translation"),
                languages=(("kk", "C1"), ("ru", "C1")),
                shifts=(ShiftSpec(14, "10:00", 6, 2), ShiftSpec(15, "10:00", 6, 2)),
            ),
        ),
    ),
    ProjectSpec(
        key="silver",
        owner="silver",
        partners=("almaty",),
        programme="Серебряные волонтеры",
        title=(
            "«Серебряные» наставники: Сибирь — Алматы",
            "«Күміс» тәлімгерлер: Сібір — Алматы",
            "Silver Mentors: Siberia – Almaty",
        ),
        description=(
            "Совместный проект «серебряных» волонтеров России и Казахстана: добровольцы "
            "старше 55 лет становятся наставниками для молодежи, а молодые волонтеры помогают "
            "старшему поколению освоить цифровые сервисы.",
            "Ресей мен Қазақстанның «күміс» еріктілерінің бірлескен жобасы: 55 жастан "
            "асқан еріктілер жастарға тәлімгер болады, ал жас еріктілер аға буынға цифрлық "
            "қызметтерді меңгеруге көмектеседі.",
            "A joint project of “silver” volunteers from Russia and Kazakhstan: volunteers "
            "over 55 mentor young people, and young volunteers help the older generation learn "
            "digital services.",
        ),
        causes=("mentoring", "elderly"),
        sdg_targets=("4.4", "10.2"),
        starts=-30,
        ends=120,
        opportunities=(
            OpportunitySpec(
                key="mentor",
                title=(
                    "Серебряный наставник для студентов",
                    "Студенттерге күміс тәлімгер",
                    "Silver mentor for students",
                ),
                description=(
                    "Поделитесь профессиональным и жизненным опытом со студентами из "
                    "Новосибирска и Алматы на онлайн-встречах по видеосвязи.",
                    "Новосібір мен Алматы студенттерімен кәсіби және өмірлік тәжірибеңізбен "
                    "бейнебайланыс арқылы онлайн кездесулерде бөлісіңіз.",
                    "Share your professional and life experience with students from "
                    "Novosibirsk and Almaty in online video meetings.",
                ),
                city=None,
                mode=INSTANT,
                skills=("mentoring",),
                shifts=(
                    ShiftSpec(3, "18:00", 2, 6),
                    ShiftSpec(10, "18:00", 2, 6),
                    ShiftSpec(17, "18:00", 2, 6),
                ),
            ),
            OpportunitySpec(
                key="digital",
                title=(
                    "Уроки цифровой грамотности для пенсионеров в Новосибирске",
                    "Новосібірдегі зейнеткерлерге цифрлық сауаттылық сабақтары",
                    "Digital literacy lessons for pensioners in Novosibirsk",
                ),
                description=(
                    "Научите пожилых людей пользоваться смартфоном, записываться к врачу "
                    "онлайн и общаться с внуками по видеосвязи. Занятия проходят в библиотеке.",
                    "Қарт адамдарды смартфонды пайдалануға, дәрігерге онлайн жазылуға және "
                    "немерелерімен бейнебайланыс арқылы сөйлесуге үйретіңіз. Сабақтар "
                    "кітапханада өтеді.",
                    "Teach older people to use a smartphone, book a doctor's appointment online "
                    "and video-call their grandchildren. Classes take place in the library.",
                ),
                city="novosibirsk",
                address="Красный проспект, 163",
                mode=INSTANT,
                skills=("digital-literacy", "it-support"),
                min_age=14,
                shifts=(
                    ShiftSpec(4, "11:00", 2, 4),
                    ShiftSpec(11, "11:00", 2, 4),
                    ShiftSpec(18, "11:00", 2, 4),
                ),
            ),
            OpportunitySpec(
                key="meeting",
                title=(
                    "Встреча серебряных волонтеров в Алматы",
                    "Алматыдағы күміс еріктілердің кездесуі",
                    "Silver volunteers' meeting in Almaty",
                ),
                description=(
                    "Помогите провести встречу серебряных волонтеров двух стран: регистрация "
                    "гостей, мастер-классы и чаепитие.",
                    "Екі елдің күміс еріктілерінің кездесуін өткізуге көмектесіңіз: "
                    "қонақтарды тіркеу, шеберлік сыныптары және шай үстіндегі әңгіме.",
                    "Help run a meeting of silver volunteers from both countries: guest "
                    "registration, workshops and a tea party.",
                ),
                city="almaty",
                mode=REVIEW,
                skills=("facilitation", "event-organisation"),
                shifts=(ShiftSpec(25, "10:00", 6, 3),),
            ),
        ),
    ),
    ProjectSpec(
        key="trees",
        owner="green",
        title=(
            "Посади дерево: климатическая акция в предгорьях Алматы",
            "Ағаш отырғыз: Алматы тау бөктеріндегі климаттық акция",
            "Plant a Tree: climate action in the Almaty foothills",
        ),
        description=(
            "Сажаем деревья ради климата (ЦУР 13): каждая высаженная ель и каждый посаженный "
            "тополь помогают городу дышать. Саженцы, лопаты и перчатки выдаем на месте.",
            "Климат үшін ағаш отырғызамыз (ТДМ 13): отырғызылған әр шырша мен терек қалаға "
            "тыныс береді. Көшеттер, күректер мен қолғаптар орнында беріледі.",
            "We plant trees for the climate (SDG 13): every spruce and poplar we plant helps "
            "the city breathe. Seedlings, spades and gloves are provided on site.",
        ),
        causes=("environment",),
        sdg_targets=("13.3", "15.2"),
        starts=-10,
        ends=40,
        opportunities=(
            OpportunitySpec(
                key="planting",
                title=(
                    "Посадка деревьев в предгорьях",
                    "Тау бөктерінде ағаш отырғызу",
                    "Tree planting in the foothills",
                ),
                description=(
                    "Высаживаем саженцы ели и тополя на склонах у города. Работа на свежем "
                    "воздухе, с инструктажем экологов; подойдет и новичкам.",
                    "Қала маңындағы беткейлерге шырша мен терек көшеттерін отырғызамыз. "
                    "Экологтардың нұсқаулығымен таза ауада жұмыс; жаңадан бастағандарға да "
                    "лайық.",
                    "We plant spruce and poplar seedlings on the slopes near the city. Outdoor "
                    "work with a briefing by ecologists; beginners are welcome.",
                ),
                city="almaty",
                address="Медеуский район, урочище Бутаковка",
                mode=INSTANT,
                skills=("tree-planting",),
                min_age=14,
                shifts=(
                    ShiftSpec(1, "09:00", 4, 30, weekday=SATURDAY),
                    ShiftSpec(8, "09:00", 4, 30, weekday=SATURDAY),
                    ShiftSpec(15, "09:00", 4, 30, weekday=SATURDAY),
                ),
            ),
            OpportunitySpec(
                key="watering",
                title=(
                    "Полив и уход за саженцами",
                    "Көшеттерді суару және күтім",
                    "Watering and caring for seedlings",
                ),
                description=(
                    "Поливаем молодые деревья, посаженные весной и осенью, и проверяем, "
                    "прижились ли саженцы.",
                    "Көктемде және күзде отырғызылған жас ағаштарды суарып, көшеттердің тамыр "
                    "жайғанын тексереміз.",
                    "We water the young trees planted in spring and autumn and check that the "
                    "seedlings have taken root.",
                ),
                city="almaty",
                mode=INSTANT,
                skills=("gardening",),
                min_age=14,
                shifts=(ShiftSpec(8, "18:00", 2, 8), ShiftSpec(15, "18:00", 2, 8)),
            ),
            OpportunitySpec(
                key="map",
                title=(
                    "Онлайн-волонтер: карта посаженных деревьев",
                    "Онлайн ерікті: отырғызылған ағаштар картасы",
                    "Online volunteer: map of planted trees",
                ),
                description=(
                    "Отмечайте на карте деревья, посаженные волонтерами, по фотографиям и "
                    "координатам. Можно работать из любого города в удобное время.",
                    "Еріктілер отырғызған ағаштарды фотосуреттер мен координаттар бойынша "
                    "картаға белгілеңіз. Кез келген қаладан ыңғайлы уақытта жұмыс істеуге "
                    "болады.",
                    "Mark the trees planted by volunteers on a map from photos and coordinates. "
                    "Work from any city at a time that suits you.",
                ),
                city=None,
                mode=REVIEW,
                skills=("data-analysis", "environmental-monitoring"),
                capacity=5,
            ),
        ),
    ),
    ProjectSpec(
        key="medics",
        owner="university",
        title=(
            "Волонтеры-медики: курс первой помощи",
            "Медик еріктілер: алғашқы көмек курсы",
            "Medical Volunteers: first aid course",
        ),
        description=(
            "Студенты-медики Поволжского университета обучают горожан первой помощи и "
            "дежурят на городских мероприятиях. Проект готовит волонтеров-медиков к "
            "Международному форуму волонтеров-медиков.",
            "Еділ бойы университетінің медик студенттері қала тұрғындарын алғашқы көмекке "
            "үйретеді және қалалық іс-шараларда кезекшілік атқарады.",
            "Medical students of the Volga University teach first aid to the public and are on "
            "duty at city events. The project prepares medical volunteers for the International "
            "Forum of Medical Volunteers.",
        ),
        causes=("health",),
        sdg_targets=("3.d",),
        starts=-5,
        ends=60,
        opportunities=(
            OpportunitySpec(
                key="instructor",
                title=(
                    "Инструктор по первой помощи",
                    "Алғашқы көмек нұсқаушысы",
                    "First aid instructor",
                ),
                description=(
                    "Проведите занятие по первой помощи для школьников: остановка "
                    "кровотечения, сердечно-легочная реанимация, помощь при ожогах. Нужна "
                    "медицинская квалификация.",
                    "Оқушыларға алғашқы көмек бойынша сабақ өткізіңіз: қан кетуді тоқтату, "
                    "жүрек-өкпе реанимациясы, күйік кезіндегі көмек. Медициналық біліктілік "
                    "қажет.",
                    "Run a first aid class for schoolchildren: stopping bleeding, CPR, treating "
                    "burns. A medical qualification is required.",
                ),
                city="kazan",
                mode=REVIEW,
                skills=("first-aid", "health-education"),
                medical=True,
                min_age=18,
                shifts=(ShiftSpec(7, "15:00", 3, 3), ShiftSpec(14, "15:00", 3, 3)),
            ),
            OpportunitySpec(
                key="training",
                title=(
                    "Участник тренинга по первой помощи",
                    "Алғашқы көмек тренингінің қатысушысы",
                    "First aid training participant",
                ),
                description=(
                    "Научитесь оказывать первую помощь за один вечер: практика на манекенах "
                    "под руководством студентов-медиков, сертификат по итогам.",
                    "Бір кеште алғашқы көмек көрсетуді үйреніңіз: медик студенттердің "
                    "басшылығымен манекендерде тәжірибе, соңында сертификат.",
                    "Learn first aid in one evening: practice on mannequins with medical "
                    "students, and a certificate at the end.",
                ),
                city="kazan",
                address="ул. Бутлерова, 49",
                mode=INSTANT,
                skills=("first-aid",),
                min_age=16,
                shifts=(ShiftSpec(9, "17:00", 3, 20),),
            ),
            OpportunitySpec(
                key="marathon",
                title=(
                    "Медицинский волонтер на городском полумарафоне",
                    "Қалалық жартылай марафондағы медик ерікті",
                    "Medical volunteer at the city half marathon",
                ),
                description=(
                    "Дежурство на пунктах медицинской помощи вдоль трассы полумарафона вместе "
                    "с бригадами скорой помощи.",
                    "Жедел жәрдем бригадаларымен бірге жартылай марафон трассасы бойындағы "
                    "медициналық көмек бекеттерінде кезекшілік.",
                    "Duty at first aid points along the half-marathon course together with "
                    "ambulance crews.",
                ),
                city="kazan",
                mode=REVIEW,
                skills=("first-aid", "nursing"),
                medical=True,
                min_age=18,
                shifts=(ShiftSpec(10, "07:00", 6, 6, weekday=SUNDAY),),
            ),
        ),
    ),
    ProjectSpec(
        key="forum",
        owner="avc",
        flagship=True,
        title=(
            "Международный форум добровольцев в Сочи: команда волонтеров",
            "Сочидегі Халықаралық еріктілер форумы: еріктілер командасы",
            "International Volunteer Forum in Sochi: volunteer team",
        ),
        description=(
            "Международный форум добровольцев собирает в Сочи тысячи волонтеров, в том числе "
            "делегации из Казахстана. Волонтеры форума встречают гостей, работают на "
            "регистрации, в навигации и пресс-центре.",
            "Халықаралық еріктілер форумы Сочиге мыңдаған еріктілерді, соның ішінде "
            "Қазақстан делегацияларын жинайды. Форум еріктілері қонақтарды қарсы алады, "
            "тіркеуде, бағыт көрсетуде және баспасөз орталығында жұмыс істейді.",
            "The International Volunteer Forum brings thousands of volunteers to Sochi, "
            "including delegations from Kazakhstan. Forum volunteers welcome guests and work at "
            "registration, wayfinding and the press centre.",
        ),
        causes=("sport-events", "culture"),
        sdg_targets=("17.17",),
        starts=18,
        ends=24,
        opportunities=(
            OpportunitySpec(
                key="registration",
                title=(
                    "Волонтер регистрации участников форума",
                    "Форум қатысушыларын тіркеу еріктісі",
                    "Forum registration volunteer",
                ),
                description=(
                    "Регистрируйте участников форума, выдавайте бейджи и отвечайте на вопросы "
                    "гостей на стойке регистрации.",
                    "Форум қатысушыларын тіркеп, бейдж беріңіз және тіркеу үстелінде "
                    "қонақтардың сұрақтарына жауап беріңіз.",
                    "Register forum participants, hand out badges and answer guests' questions "
                    "at the registration desk.",
                ),
                city="sochi",
                address="Олимпийский проспект, 1",
                mode=INSTANT,
                skills=("registration-desk",),
                min_age=18,
                shifts=(
                    ShiftSpec(20, "08:00", 6, 3),
                    ShiftSpec(21, "08:00", 6, 10),
                    ShiftSpec(22, "08:00", 6, 10),
                ),
            ),
            OpportunitySpec(
                key="wayfinding",
                title=(
                    "Навигация и встреча делегаций",
                    "Бағыт көрсету және делегацияларды қарсы алу",
                    "Wayfinding and welcoming delegations",
                ),
                description=(
                    "Встречайте иностранные делегации в аэропорту и помогайте гостям "
                    "ориентироваться на площадках форума. Нужен английский язык на уровне не "
                    "ниже B1.",
                    "Шетелдік делегацияларды әуежайда қарсы алып, қонақтарға форум алаңдарында "
                    "бағыт табуға көмектесіңіз. Ағылшын тілі кемінде B1 деңгейінде қажет.",
                    "Meet foreign delegations at the airport and help guests find their way "
                    "around the forum venues. English at B1 level or above is required.",
                ),
                city="sochi",
                mode=REVIEW,
                skills=("guiding", "stewarding"),
                languages=(("en", "B1"),),
                shifts=(ShiftSpec(20, "10:00", 8, 8), ShiftSpec(21, "10:00", 8, 8)),
            ),
            OpportunitySpec(
                key="press",
                title=(
                    "Волонтер пресс-центра: фото и видео",
                    "Баспасөз орталығының еріктісі: фото және бейне",
                    "Press centre volunteer: photo and video",
                ),
                description=(
                    "Снимайте фото и короткие видео о работе волонтеров форума и помогайте "
                    "готовить публикации для социальных сетей.",
                    "Форум еріктілерінің жұмысы туралы фото және қысқа бейнелер түсіріп, "
                    "әлеуметтік желілерге жарияланымдар дайындауға көмектесіңіз.",
                    "Take photos and short videos of the forum volunteers at work and help "
                    "prepare social media posts.",
                ),
                city="sochi",
                mode=REVIEW,
                skills=("photography", "video", "social-media"),
                shifts=(ShiftSpec(21, "09:00", 8, 4),),
            ),
        ),
    ),
    ProjectSpec(
        key="year",
        owner="nvn",
        programme="Год добровольца",
        title=(
            "Год волонтера: городская кампания в Астане",
            "Еріктілер жылы: Астанадағы қалалық науқан",
            "Year of the Volunteer: city campaign in Astana",
        ),
        description=(
            "Кампания к Году волонтера: рассказываем жителям Астаны о добровольчестве, "
            "проводим фестиваль волонтерских проектов и приглашаем новых волонтеров.",
            "Еріктілер жылына арналған науқан: Астана тұрғындарына еріктілік туралы айтып, "
            "еріктілік жобалар фестивалін өткізіп, жаңа еріктілерді шақырамыз.",
            "A campaign for the Year of the Volunteer: we tell Astana residents about "
            "volunteering, hold a festival of volunteer projects and invite new volunteers.",
        ),
        causes=("culture", "urban"),
        sdg_targets=("17.17",),
        starts=-15,
        ends=75,
        opportunities=(
            OpportunitySpec(
                key="festival",
                title=(
                    "Волонтер фестиваля добровольчества",
                    "Еріктілер фестивалінің еріктісі",
                    "Volunteering festival helper",
                ),
                description=(
                    "Помогите провести фестиваль волонтерских проектов на главной площади: "
                    "площадки организаций, концерт, мастер-классы для детей.",
                    "Бас алаңда еріктілік жобалар фестивалін өткізуге көмектесіңіз: "
                    "ұйымдардың алаңдары, концерт, балаларға арналған шеберлік сыныптары.",
                    "Help run the festival of volunteer projects on the main square: "
                    "organisation stands, a concert and workshops for children.",
                ),
                city="astana",
                mode=INSTANT,
                skills=("stewarding", "event-organisation"),
                min_age=14,
                shifts=(ShiftSpec(10, "10:00", 6, 25, weekday=SATURDAY),),
            ),
            OpportunitySpec(
                key="smm",
                title=(
                    "SMM-волонтер кампании",
                    "Науқанның SMM еріктісі",
                    "Campaign social media volunteer",
                ),
                description=(
                    "Готовьте посты и истории о волонтерах Казахстана на казахском и русском "
                    "языках. Работа онлайн, в удобное время.",
                    "Қазақстан еріктілері туралы қазақ және орыс тілдерінде посттар мен "
                    "оқиғалар дайындаңыз. Онлайн жұмыс, ыңғайлы уақытта.",
                    "Write posts and stories about Kazakhstan's volunteers in Kazakh and "
                    "Russian. Online, at a time that suits you.",
                ),
                city=None,
                mode=INSTANT,
                skills=("social-media", "writing", "design"),
                languages=(("kk", "B2"),),
                capacity=10,
            ),
            OpportunitySpec(
                key="street",
                title=(
                    "Уличная акция «Стань волонтером»",
                    "«Ерікті бол» көше акциясы",
                    "“Become a Volunteer” street campaign",
                ),
                description=(
                    "Рассказывайте прохожим о волонтерских проектах города и помогайте им "
                    "зарегистрироваться на платформе.",
                    "Жүргіншілерге қаланың еріктілік жобалары туралы айтып, платформаға "
                    "тіркелуге көмектесіңіз.",
                    "Tell passers-by about the city's volunteer projects and help them sign up "
                    "on the platform.",
                ),
                city="astana",
                mode=REVIEW,
                skills=("public-speaking",),
                min_age=16,
                shifts=(ShiftSpec(5, "16:00", 3, 10), ShiftSpec(19, "16:00", 3, 10)),
            ),
        ),
    ),
    ProjectSpec(
        key="flood",
        owner="omsk",
        partners=("nvn",),
        title=(
            "Паводок: добровольцы в помощь пострадавшим",
            "Су тасқыны: зардап шеккендерге еріктілер көмегі",
            "Floods: volunteers helping those affected",
        ),
        description=(
            "Весеннее половодье на Иртыше затрагивает села по обе стороны границы России и "
            "Казахстана. Волонтеры помогают укреплять дамбы, развозить воду и продукты, "
            "работают на горячей линии.",
            "Ертістегі көктемгі су тасқыны Ресей мен Қазақстан шекарасының екі жағындағы "
            "ауылдарды қамтиды. Еріктілер бөгеттерді нығайтуға, су мен азық-түлік "
            "жеткізуге көмектеседі, жедел желіде жұмыс істейді.",
            "Spring floods on the Irtysh affect villages on both sides of the Russia–"
            "Kazakhstan border. Volunteers help reinforce dams, deliver water and food, and "
            "staff the hotline.",
        ),
        causes=("emergency",),
        sdg_targets=("11.5", "13.1"),
        starts=-3,
        ends=30,
        opportunities=(
            OpportunitySpec(
                key="dams",
                title=(
                    "Укрепление дамб мешками с песком",
                    "Бөгеттерді құм салынған қаптармен нығайту",
                    "Reinforcing dams with sandbags",
                ),
                description=(
                    "Набиваем и укладываем мешки с песком под руководством спасателей. "
                    "Тяжелая работа на улице; только для совершеннолетних.",
                    "Құтқарушылардың басшылығымен қаптарға құм толтырып, қалаймыз. Далада "
                    "ауыр жұмыс; тек кәмелетке толғандар үшін.",
                    "We fill and stack sandbags under the direction of rescuers. Heavy outdoor "
                    "work, for adults only.",
                ),
                city="omsk",
                mode=INSTANT,
                skills=("disaster-relief",),
                restricted=EMERGENCY,
                min_age=18,
                shifts=(
                    ShiftSpec(2, "08:00", 8, 15),
                    ShiftSpec(3, "08:00", 8, 15),
                    ShiftSpec(4, "08:00", 8, 15),
                ),
            ),
            OpportunitySpec(
                key="hotline",
                title=(
                    "Оператор горячей линии для пострадавших",
                    "Зардап шеккендерге арналған жедел желі операторы",
                    "Hotline operator for people affected",
                ),
                description=(
                    "Принимайте звонки жителей затопленных сел: записывайте заявки на "
                    "эвакуацию, воду и продукты и передавайте их штабу.",
                    "Су басқан ауыл тұрғындарының қоңырауларын қабылдаңыз: эвакуацияға, су мен "
                    "азық-түлікке өтінімдерді жазып, штабқа беріңіз.",
                    "Take calls from residents of flooded villages: log requests for "
                    "evacuation, water and food and pass them to the headquarters.",
                ),
                city=None,
                mode=REVIEW,
                skills=("crisis-hotline", "psychological-support"),
                restricted=EMERGENCY,
                min_age=18,
                languages=(("kk", "B1"),),
                shifts=(
                    ShiftSpec(2, "09:00", 4, 3),
                    ShiftSpec(2, "13:00", 4, 3),
                    ShiftSpec(3, "09:00", 4, 3),
                ),
            ),
            OpportunitySpec(
                key="aid",
                title=(
                    "Сбор гуманитарной помощи",
                    "Гуманитарлық көмек жинау",
                    "Collecting humanitarian aid",
                ),
                description=(
                    "Сортируйте и упаковывайте воду, продукты и вещи для пострадавших от "
                    "паводка на складе волонтерского центра.",
                    "Еріктілік орталықтың қоймасында су тасқынынан зардап шеккендерге "
                    "арналған су, азық-түлік және заттарды сұрыптап, ораңыз.",
                    "Sort and pack water, food and clothes for flood victims at the volunteer "
                    "centre's warehouse.",
                ),
                city="omsk",
                address="ул. Ленина, 23",
                mode=INSTANT,
                skills=("aid-distribution", "logistics"),
                min_age=14,
                shifts=(ShiftSpec(1, "10:00", 6, 10), ShiftSpec(5, "10:00", 6, 10)),
            ),
        ),
    ),
    ProjectSpec(
        key="elderly",
        owner="spb",
        title=(
            "Добрый Петербург: помощь пожилым",
            "Мейірімді Петербург: қарттарға көмек",
            "Kind Petersburg: help for older people",
        ),
        description=(
            "Волонтеры центра «Добрый Петербург» навещают одиноких пожилых людей, помогают с "
            "покупками и сопровождают к врачу.",
            "«Мейірімді Петербург» орталығының еріктілері жалғызбасты қарт адамдарға барып, "
            "сатып алуға көмектеседі және дәрігерге алып барады.",
            "Volunteers of the Kind Petersburg centre visit older people who live alone, help "
            "with shopping and accompany them to the doctor.",
        ),
        causes=("elderly", "social"),
        sdg_targets=("10.2",),
        starts=-60,
        ends=180,
        opportunities=(
            OpportunitySpec(
                key="groceries",
                title=(
                    "Доставка продуктов и лекарств пожилым",
                    "Қарттарға азық-түлік пен дәрі жеткізу",
                    "Delivering groceries and medicines to older people",
                ),
                description=(
                    "Покупайте продукты и лекарства по списку и доставляйте их пожилым людям "
                    "на дом. Деньги на покупки выдает центр.",
                    "Тізім бойынша азық-түлік пен дәрі сатып алып, қарт адамдардың үйіне "
                    "жеткізіңіз. Сатып алуға ақшаны орталық береді.",
                    "Buy groceries and medicines from a list and deliver them to older people "
                    "at home. The centre provides the money.",
                ),
                city="spb",
                mode=INSTANT,
                skills=("aid-distribution", "elderly-care"),
                min_age=16,
                shifts=(
                    ShiftSpec(2, "11:00", 3, 5),
                    ShiftSpec(9, "11:00", 3, 5),
                    ShiftSpec(16, "11:00", 3, 5),
                ),
            ),
            OpportunitySpec(
                key="phone",
                title=(
                    "Телефонный друг для одиноких пенсионеров",
                    "Жалғызбасты зейнеткерлердің телефон досы",
                    "Telephone friend for lonely pensioners",
                ),
                description=(
                    "Звоните пожилым людям раз в неделю: разговор, новости, поздравления с "
                    "праздниками. Обучение перед началом.",
                    "Қарт адамдарға аптасына бір рет қоңырау шалыңыз: әңгіме, жаңалықтар, "
                    "мерекемен құттықтау. Бастар алдында оқыту бар.",
                    "Call older people once a week for a chat, news and holiday greetings. "
                    "Training is given before you start.",
                ),
                city=None,
                mode=REVIEW,
                skills=("companionship", "psychological-support"),
                capacity=15,
            ),
        ),
    ),
)

APPLICATIONS: tuple[ApplicationSpec, ...] = (
    ApplicationSpec("volunteer.ru@council.example", "elderly", "groceries", 0),
    ApplicationSpec("volunteer.ru@council.example", "world", "delegation", 0),
    ApplicationSpec("volunteer.kz@council.example", "trees", "planting", 0),
    ApplicationSpec("volunteer.kz@council.example", "year", "street", 0),
    # The first forum registration shift has three seats: the fourth applicant waits.
    ApplicationSpec("ivan.petrov@council.example", "forum", "registration", 0),
    ApplicationSpec("aruzhan.sadykova@council.example", "forum", "registration", 0),
    ApplicationSpec("kamila.rakhimova@council.example", "forum", "registration", 0),
    ApplicationSpec("elena.kuznetsova@council.example", "forum", "registration", 0),
    ApplicationSpec("elena.kuznetsova@council.example", "forum", "wayfinding", 0),
    ApplicationSpec("alisa.kotova@council.example", "flood", "aid", 0),
    ApplicationSpec("galina.vlasova@council.example", "silver", "mentor", 0),
    ApplicationSpec("nina.zakharova@council.example", "silver", "mentor", 0),
    ApplicationSpec("timur.khabibullin@council.example", "medics", "instructor", 0),
    ApplicationSpec("timur.khabibullin@council.example", "medics", "marathon", 0, accept=True),
    ApplicationSpec("viktoriya.kim@council.example", "medics", "marathon", 0),
    ApplicationSpec("andrei.frolov@council.example", "medics", "training", 0),
    ApplicationSpec("sergei.belov@council.example", "flood", "dams", 0),
    ApplicationSpec("marat.sarsenbayev@council.example", "flood", "dams", 1),
    ApplicationSpec("saltanat.baizhanova@council.example", "flood", "hotline", 0),
    ApplicationSpec("askhat.nurpeissov@council.example", "trees", "planting", 0),
    ApplicationSpec("zhandos.mukanov@council.example", "trees", "watering", 0),
    ApplicationSpec("yerlan.zhaksybekov@council.example", "year", "smm"),
    ApplicationSpec("olga.nikitina@council.example", "world", "mentor", 0),
    ApplicationSpec("maria.orlova@council.example", "elderly", "phone"),
    ApplicationSpec("dina.yessenova@council.example", "world", "interpreter", 0),
    ApplicationSpec("artem.solovev@council.example", "trees", "map"),
)
