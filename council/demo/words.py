"""Words that synthetic projects and opportunities are made of, in Russian, Kazakh and English.

Each theme has project names, three opportunity titles and three description sentences, the
same meaning at the same position in every language. The sentences use the words of the titles
in other forms (посадка → посадим, посаженное; отырғызу → отырғызамыз, отырғызылған; plant →
planting), so the full-text search of the demo data has inflections to find.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.projects.models import RestrictedCategory

Texts = tuple[str, str, str]  # ru, kk, en


@dataclass(frozen=True)
class Theme:
    key: str
    causes: tuple[str, ...]  # cause slugs, the first is the main one
    skills: tuple[str, ...]  # skill slugs
    targets: tuple[str, ...]  # SDG target codes
    projects: tuple[Texts, ...]
    titles: tuple[Texts, Texts, Texts]
    sentences: tuple[Texts, Texts, Texts]
    online: bool = False  # may be done online
    restricted: str = ""
    min_age: int = 0
    medical: bool = False


THEMES: tuple[Theme, ...] = (
    Theme(
        key="trees",
        causes=("environment",),
        skills=("tree-planting", "gardening"),
        targets=("13.3", "15.2"),
        projects=(
            ("Зелёный пояс", "Жасыл белдеу", "Green Belt"),
            ("Сад будущего", "Болашақ бағы", "Garden of the Future"),
        ),
        titles=(
            ("Посадка деревьев в парке", "Саябақта ағаш отырғызу", "Tree planting in the park"),
            (
                "Волонтёры на посадку саженцев",
                "Көшет отырғызуға еріктілер",
                "Volunteers for planting seedlings",
            ),
            ("Акция «Посади дерево»", "«Ағаш отырғыз» акциясы", "“Plant a Tree” campaign"),
        ),
        sentences=(
            (
                "Приглашаем волонтёров высадить саженцы деревьев и кустарников в городском парке.",
                "Еріктілерді қалалық саябаққа ағаш пен бұта көшеттерін отырғызуға шақырамыз.",
                "We invite volunteers to plant tree and shrub seedlings in the city park.",
            ),
            (
                "Вместе с экологами посадим молодые деревья, польём саженцы и уберём территорию "
                "после посадки.",
                "Экологтармен бірге жас ағаштар отырғызып, көшеттерді суарып, аумақты тазалаймыз.",
                "Together with ecologists we will plant young trees, water the seedlings and "
                "tidy up after planting.",
            ),
            (
                "Каждое посаженное дерево — вклад в борьбу с изменением климата.",
                "Отырғызылған әрбір ағаш — климаттың өзгеруіне қарсы күреске қосылған үлес.",
                "Every tree planted helps to fight climate change.",
            ),
        ),
        min_age=14,
    ),
    Theme(
        key="cleanup",
        causes=("environment", "urban"),
        skills=("clean-up", "environmental-monitoring"),
        targets=("6.6", "12.5"),
        projects=(
            ("Чистые берега", "Таза жағалау", "Clean Shores"),
            ("Чистый город", "Таза қала", "Clean City"),
        ),
        titles=(
            ("Уборка берега реки", "Өзен жағасын тазалау", "River bank clean-up"),
            ("Экологический субботник", "Экологиялық сенбілік", "Environmental clean-up day"),
            (
                "Сбор и сортировка мусора",
                "Қоқысты жинау және сұрыптау",
                "Collecting and sorting litter",
            ),
        ),
        sentences=(
            (
                "Очистим берег реки от пластика и бытового мусора.",
                "Өзен жағасын пластик пен тұрмыстық қоқыстан тазартамыз.",
                "Let us clear the river bank of plastic and household litter.",
            ),
            (
                "Волонтёры получат перчатки и мешки, а собранные отходы отправим на переработку.",
                "Еріктілерге қолғап пен қап беріледі, жиналған қалдықтар қайта өңдеуге жіберіледі.",
                "Volunteers get gloves and bags, and the waste we collect goes to recycling.",
            ),
            (
                "После субботника проведём короткую лекцию о раздельном сборе отходов.",
                "Сенбіліктен кейін қалдықтарды бөлек жинау туралы қысқа дәріс өтеді.",
                "After the clean-up there is a short talk on separate waste collection.",
            ),
        ),
    ),
    Theme(
        key="elderly",
        causes=("elderly", "social"),
        skills=("elderly-care", "companionship", "aid-distribution"),
        targets=("3.4", "10.2"),
        projects=(
            ("Старость в радость", "Қарттарға қамқорлық", "Joy in Old Age"),
            ("Тёплый дом", "Жылы үй", "Warm Home"),
        ),
        titles=(
            (
                "Помощь пожилым людям на дому",
                "Қарт адамдарға үйде көмек",
                "Helping older people at home",
            ),
            (
                "Доставка продуктов пенсионерам",
                "Зейнеткерлерге азық-түлік жеткізу",
                "Delivering groceries to pensioners",
            ),
            (
                "Волонтёр в доме престарелых",
                "Қарттар үйіндегі ерікті",
                "Volunteer at a care home",
            ),
        ),
        sentences=(
            (
                "Помогаем одиноким пожилым людям: покупаем продукты и лекарства, помогаем по дому.",
                "Жалғызбасты қарт адамдарға көмектесеміз: азық-түлік пен дәрі сатып әперіп, үй "
                "шаруасына көмектесеміз.",
                "We help older people who live alone: buying groceries and medicines and "
                "helping around the house.",
            ),
            (
                "Волонтёры навещают бабушек и дедушек, гуляют и разговаривают с ними.",
                "Еріктілер ата-әжелерге барып, олармен серуендеп, әңгімелеседі.",
                "Volunteers visit grandmothers and grandfathers, take them for walks and talk "
                "with them.",
            ),
            (
                "Для многих пенсионеров визит волонтёра — единственная встреча за неделю.",
                "Көптеген зейнеткерлер үшін еріктінің келуі — аптадағы жалғыз кездесу.",
                "For many pensioners a volunteer's visit is the only meeting of the week.",
            ),
        ),
    ),
    Theme(
        key="tutoring",
        causes=("children", "education"),
        skills=("tutoring", "working-with-children"),
        targets=("4.1", "4.6"),
        projects=(
            ("Школа успеха", "Табыс мектебі", "School of Success"),
            ("Знания для всех", "Барлығына білім", "Knowledge for All"),
        ),
        titles=(
            ("Репетитор для школьников", "Оқушыларға арналған репетитор", "Tutor for pupils"),
            (
                "Помощь детям с домашними заданиями",
                "Балаларға үй тапсырмасына көмек",
                "Homework help for children",
            ),
            ("Наставник по математике", "Математикадан тәлімгер", "Maths mentor"),
        ),
        sentences=(
            (
                "Ищем волонтёров, которые помогут школьникам с математикой, русским и "
                "английским языком.",
                "Оқушыларға математика, орыс және ағылшын тілдерінен көмектесетін "
                "еріктілерді іздейміз.",
                "We are looking for volunteers to help schoolchildren with maths, Russian and "
                "English.",
            ),
            (
                "Занятия проходят в небольших группах детей из многодетных и малообеспеченных "
                "семей.",
                "Сабақтар көпбалалы және аз қамтылған отбасылардың балаларымен шағын топтарда "
                "өтеді.",
                "Lessons are held in small groups of children from large and low-income families.",
            ),
            (
                "Опыт преподавания не обязателен: мы проведём обучение для новых репетиторов.",
                "Сабақ беру тәжірибесі міндетті емес: жаңа репетиторларға оқыту ұйымдастырамыз.",
                "Teaching experience is not required: we train new tutors.",
            ),
        ),
        online=True,
        min_age=16,
    ),
    Theme(
        key="events",
        causes=("sport-events", "culture"),
        skills=("registration-desk", "stewarding", "guiding"),
        targets=("17.17",),
        projects=(
            ("Город событий", "Оқиғалар қаласы", "City of Events"),
            ("Волонтёры фестиваля", "Фестиваль еріктілері", "Festival Volunteers"),
        ),
        titles=(
            (
                "Волонтёр на регистрации участников",
                "Қатысушыларды тіркеу еріктісі",
                "Registration desk volunteer",
            ),
            (
                "Навигация гостей фестиваля",
                "Фестиваль қонақтарына бағыт көрсету",
                "Guiding festival guests",
            ),
            (
                "Помощь в организации концерта",
                "Концертті ұйымдастыруға көмек",
                "Helping to run a concert",
            ),
        ),
        sentences=(
            (
                "Волонтёры встречают гостей, регистрируют участников и помогают найти нужный зал.",
                "Еріктілер қонақтарды қарсы алып, қатысушыларды тіркейді және қажетті залды "
                "табуға көмектеседі.",
                "Volunteers welcome guests, register participants and help them find the right "
                "hall.",
            ),
            (
                "Перед мероприятием пройдёт инструктаж, каждый волонтёр получит форму и бейдж.",
                "Іс-шара алдында нұсқаулық өтеді, әр еріктіге форма мен бейдж беріледі.",
                "There is a briefing before the event, and every volunteer gets a uniform and a "
                "badge.",
            ),
            (
                "Это возможность познакомиться с организаторами крупных событий и получить опыт "
                "работы в команде.",
                "Бұл ірі іс-шаралардың ұйымдастырушыларымен танысып, командада жұмыс "
                "тәжірибесін алу мүмкіндігі.",
                "A chance to meet the organisers of big events and gain experience of working in "
                "a team.",
            ),
        ),
    ),
    Theme(
        key="marathon",
        causes=("sport-events", "health"),
        skills=("stewarding", "first-aid", "catering"),
        targets=("3.4",),
        projects=(
            ("Спорт для всех", "Барлығына спорт", "Sport for All"),
            ("Городской марафон", "Қалалық марафон", "City Marathon"),
        ),
        titles=(
            (
                "Волонтёр на пункте питания марафона",
                "Марафонның тамақтану бекетіндегі ерікті",
                "Marathon refreshment point volunteer",
            ),
            (
                "Маршал на трассе забега",
                "Жарыс трассасындағы маршал",
                "Course marshal at the race",
            ),
            ("Помощь на финише соревнований", "Жарыс мәресінде көмек", "Finish line helper"),
        ),
        sentences=(
            (
                "На марафоне волонтёры раздают воду бегунам, следят за трассой и помогают на "
                "финише.",
                "Марафонда еріктілер жүгірушілерге су таратып, трассаны бақылап, мәреде "
                "көмектеседі.",
                "At the marathon volunteers hand out water to runners, watch the course and help "
                "at the finish.",
            ),
            (
                "Соревнования проходят при любой погоде, возьмите удобную обувь и головной убор.",
                "Жарыс кез келген ауа райында өтеді, ыңғайлы аяқ киім мен бас киім алыңыз.",
                "The race goes ahead in any weather: bring comfortable shoes and a hat.",
            ),
            (
                "Все волонтёры забега получают памятную медаль и сертификат.",
                "Жарыстың барлық еріктілері естелік медаль мен сертификат алады.",
                "Every race volunteer receives a commemorative medal and a certificate.",
            ),
        ),
    ),
    Theme(
        key="medical",
        causes=("health",),
        skills=("first-aid", "health-education", "nursing"),
        targets=("3.d", "3.4"),
        projects=(
            ("Волонтёры-медики", "Медик волонтерлер", "Medical Volunteers"),
            ("Первая помощь", "Алғашқы көмек", "First Aid"),
        ),
        titles=(
            (
                "Медицинский волонтёр на массовом мероприятии",
                "Көпшілік іс-шарадағы медик ерікті",
                "Medical volunteer at a public event",
            ),
            (
                "Инструктор по первой помощи",
                "Алғашқы көмек нұсқаушысы",
                "First aid instructor",
            ),
            ("Помощь в поликлинике", "Емханада көмек", "Helping at an outpatient clinic"),
        ),
        sentences=(
            (
                "Волонтёры-медики дежурят на мероприятиях и оказывают первую помощь пострадавшим.",
                "Медик еріктілер іс-шараларда кезекшілік атқарып, зардап шеккендерге алғашқы "
                "көмек көрсетеді.",
                "Medical volunteers are on duty at events and give first aid to those who need it.",
            ),
            (
                "Проводим занятия по первой помощи для школьников, студентов и пожилых людей.",
                "Оқушыларға, студенттерге және қарт адамдарға алғашқы көмек бойынша сабақтар "
                "өткіземіз.",
                "We run first aid classes for schoolchildren, students and older people.",
            ),
            (
                "Студенты медицинских вузов получат практику под руководством врачей.",
                "Медициналық жоғары оқу орындарының студенттері дәрігерлердің басшылығымен "
                "тәжірибеден өтеді.",
                "Medical students gain practice under the supervision of doctors.",
            ),
        ),
        min_age=18,
        medical=True,
    ),
    Theme(
        key="donors",
        causes=("health",),
        skills=("blood-donation-promotion", "social-media"),
        targets=("3.8",),
        projects=(
            ("Стань донором", "Донор бол", "Become a Donor"),
            ("Капля жизни", "Өмір тамшысы", "Drop of Life"),
        ),
        titles=(
            ("Помощь на донорской акции", "Донорлық акцияда көмек", "Helping at a blood drive"),
            ("Волонтёр дня донора", "Донор күнінің еріктісі", "Donor day volunteer"),
            (
                "Информирование о донорстве крови",
                "Қан донорлығы туралы ақпарат тарату",
                "Raising awareness of blood donation",
            ),
        ),
        sentences=(
            (
                "Волонтёры встречают доноров, помогают заполнить анкеты и угощают чаем после "
                "сдачи крови.",
                "Еріктілер донорларды қарсы алып, сауалнама толтыруға көмектеседі және қан "
                "тапсырғаннан кейін шаймен сыйлайды.",
                "Volunteers welcome donors, help them fill in forms and offer tea after they "
                "give blood.",
            ),
            (
                "Рассказываем о донорстве крови студентам и сотрудникам компаний.",
                "Студенттер мен компания қызметкерлеріне қан донорлығы туралы айтамыз.",
                "We talk about blood donation to students and company staff.",
            ),
            (
                "Одна донация может спасти жизни трёх человек.",
                "Бір рет қан тапсыру үш адамның өмірін сақтап қалуы мүмкін.",
                "One donation can save three lives.",
            ),
        ),
    ),
    Theme(
        key="animals",
        causes=("animals",),
        skills=("animal-care", "photography"),
        targets=("15.5",),
        projects=(
            ("Лапа помощи", "Көмек табаны", "Helping Paw"),
            ("Дом для хвостиков", "Құйрықтыларға үй", "A Home for Tails"),
        ),
        titles=(
            (
                "Помощь в приюте для животных",
                "Жануарлар баспанасында көмек",
                "Helping at an animal shelter",
            ),
            ("Выгул собак из приюта", "Баспанадағы иттерді серуендету", "Walking shelter dogs"),
            (
                "Фотограф для бездомных животных",
                "Үйсіз жануарларға арналған фотограф",
                "Photographer for homeless animals",
            ),
        ),
        sentences=(
            (
                "В приюте живут более двухсот собак и кошек, им нужны забота и внимание.",
                "Баспанада екі жүзден астам ит пен мысық тұрады, оларға қамқорлық пен назар қажет.",
                "The shelter is home to more than two hundred dogs and cats who need care and "
                "attention.",
            ),
            (
                "Волонтёры выгуливают собак, убирают вольеры и помогают кормить животных.",
                "Еріктілер иттерді серуендетіп, торларды тазалап, жануарларды тамақтандыруға "
                "көмектеседі.",
                "Volunteers walk the dogs, clean the enclosures and help feed the animals.",
            ),
            (
                "Хорошие фотографии помогают питомцам быстрее найти новых хозяев.",
                "Жақсы фотосуреттер үй жануарларына жаңа иелерін тезірек табуға көмектеседі.",
                "Good photos help pets find new owners sooner.",
            ),
        ),
        min_age=14,
    ),
    Theme(
        key="culture",
        causes=("culture",),
        skills=("guiding", "translation", "event-organisation"),
        targets=("11.4",),
        projects=(
            ("Культурное наследие", "Мәдени мұра", "Cultural Heritage"),
            ("Музейная ночь", "Мұражай түні", "Museum Night"),
        ),
        titles=(
            ("Волонтёр в музее", "Мұражайдағы ерікті", "Museum volunteer"),
            (
                "Экскурсовод для гостей города",
                "Қала қонақтарына экскурсовод",
                "Tour guide for visitors to the city",
            ),
            ("Помощь в библиотеке", "Кітапханада көмек", "Helping at the library"),
        ),
        sentences=(
            (
                "Волонтёры проводят экскурсии по музею и помогают посетителям на выставках.",
                "Еріктілер мұражай бойынша экскурсия жүргізіп, көрмелерде келушілерге көмектеседі.",
                "Volunteers give tours of the museum and help visitors at exhibitions.",
            ),
            (
                "Расскажите гостям города об истории, архитектуре и традициях нашего края.",
                "Қала қонақтарына өлкеміздің тарихы, сәулеті және дәстүрлері туралы айтып беріңіз.",
                "Tell visitors about the history, architecture and traditions of our region.",
            ),
            (
                "Для работы с иностранными туристами пригодится знание английского языка.",
                "Шетелдік туристермен жұмыс істеу үшін ағылшын тілін білу пайдалы.",
                "English is useful for working with foreign tourists.",
            ),
        ),
    ),
    Theme(
        key="digital",
        causes=("digital", "elderly"),
        skills=("digital-literacy", "it-support"),
        targets=("4.4", "9.c"),
        projects=(
            ("Цифровое поколение", "Цифрлық буын", "Digital Generation"),
            ("Интернет без барьеров", "Кедергісіз интернет", "Internet Without Barriers"),
        ),
        titles=(
            (
                "Обучение пенсионеров компьютерной грамотности",
                "Зейнеткерлерді компьютерлік сауаттылыққа оқыту",
                "Teaching pensioners computer skills",
            ),
            (
                "Помощь с госуслугами онлайн",
                "Мемлекеттік қызметтерді онлайн алуға көмек",
                "Helping with online public services",
            ),
            (
                "Волонтёр-консультант по смартфонам",
                "Смартфон бойынша кеңесші ерікті",
                "Smartphone help volunteer",
            ),
        ),
        sentences=(
            (
                "Учим пожилых людей пользоваться смартфоном, мессенджерами и порталом госуслуг.",
                "Қарт адамдарды смартфонды, мессенджерлерді және мемлекеттік қызметтер "
                "порталын пайдалануға үйретеміз.",
                "We teach older people to use smartphones, messaging apps and the public "
                "services portal.",
            ),
            (
                "Занятия проходят в библиотеках и онлайн, по одному часу два раза в неделю.",
                "Сабақтар кітапханаларда және онлайн, аптасына екі рет бір сағаттан өтеді.",
                "Classes are held in libraries and online, one hour twice a week.",
            ),
            (
                "Терпение и умение просто объяснять важнее глубоких знаний в IT.",
                "IT саласындағы терең білімнен гөрі шыдамдылық пен қарапайым түсіндіре білу "
                "маңыздырақ.",
                "Patience and explaining things simply matter more than deep IT knowledge.",
            ),
        ),
        online=True,
    ),
    Theme(
        key="food",
        causes=("social",),
        skills=("aid-distribution", "logistics", "cooking", "driving"),
        targets=("2.1", "1.3"),
        projects=(
            ("Продуктовый банк", "Азық-түлік банкі", "Food Bank"),
            ("Добрая кухня", "Мейірім асханасы", "Kind Kitchen"),
        ),
        titles=(
            (
                "Сортировка продуктовых наборов",
                "Азық-түлік жинақтарын сұрыптау",
                "Sorting food parcels",
            ),
            ("Раздача горячих обедов", "Ыстық түскі ас тарату", "Serving hot meals"),
            (
                "Водитель для доставки помощи",
                "Көмекті жеткізетін жүргізуші",
                "Driver for aid deliveries",
            ),
        ),
        sentences=(
            (
                "Собираем и раздаём продуктовые наборы семьям, оказавшимся в трудной ситуации.",
                "Қиын жағдайға тап болған отбасыларға азық-түлік жинақтарын жинап, таратамыз.",
                "We collect and hand out food parcels to families in difficult circumstances.",
            ),
            (
                "Волонтёры сортируют продукты на складе, упаковывают наборы и развозят их по "
                "адресам.",
                "Еріктілер қоймада азық-түлікті сұрыптап, жинақтарды орап, мекенжайларға "
                "жеткізеді.",
                "Volunteers sort food in the warehouse, pack parcels and deliver them to "
                "people's homes.",
            ),
            (
                "Каждую неделю горячие обеды получают более трёхсот человек.",
                "Әр апта сайын үш жүзден астам адам ыстық түскі ас алады.",
                "Every week more than three hundred people receive a hot meal.",
            ),
        ),
    ),
    Theme(
        key="emergency",
        causes=("emergency",),
        skills=("disaster-relief", "search-and-rescue", "crisis-hotline"),
        targets=("11.5", "13.1"),
        projects=(
            (
                "Паводок: помощь пострадавшим",
                "Су тасқыны: зардап шеккендерге көмек",
                "Flood Relief",
            ),
            ("Спасатели-добровольцы", "Ерікті құтқарушылар", "Volunteer Rescuers"),
        ),
        titles=(
            (
                "Помощь пострадавшим от паводка",
                "Су тасқынынан зардап шеккендерге көмек",
                "Helping flood victims",
            ),
            (
                "Укрепление дамбы мешками с песком",
                "Бөгетті құм салынған қаптармен нығайту",
                "Reinforcing the dam with sandbags",
            ),
            (
                "Оператор горячей линии в зоне ЧС",
                "Төтенше жағдай аймағындағы жедел желі операторы",
                "Hotline operator for the emergency zone",
            ),
        ),
        sentences=(
            (
                "Во время весеннего паводка волонтёры помогают эвакуировать жителей затопленных "
                "сёл.",
                "Көктемгі су тасқыны кезінде еріктілер су басқан ауылдардың тұрғындарын "
                "эвакуациялауға көмектеседі.",
                "During the spring floods volunteers help evacuate residents of flooded villages.",
            ),
            (
                "Нужны люди для погрузки гуманитарной помощи, раздачи воды и укрепления дамб.",
                "Гуманитарлық көмекті тиеуге, су таратуға және бөгеттерді нығайтуға адамдар қажет.",
                "People are needed to load humanitarian aid, hand out water and reinforce dams.",
            ),
            (
                "Работа проходит под руководством спасателей, участникам выдают снаряжение.",
                "Жұмыс құтқарушылардың басшылығымен өтеді, қатысушыларға жабдық беріледі.",
                "The work is led by rescuers, and participants get equipment.",
            ),
        ),
        online=True,
        restricted=RestrictedCategory.EMERGENCY,
        min_age=18,
    ),
    Theme(
        key="mentoring",
        causes=("mentoring", "children"),
        skills=("mentoring", "facilitation"),
        targets=("4.4", "8.6"),
        projects=(
            ("Наставники", "Тәлімгерлер", "Mentors"),
            ("Старт в профессию", "Кәсіпке бастау", "Career Start"),
        ),
        titles=(
            (
                "Наставник для выпускников детских домов",
                "Балалар үйі түлектеріне тәлімгер",
                "Mentor for care leavers",
            ),
            (
                "Карьерный ментор для студентов",
                "Студенттерге мансап тәлімгері",
                "Career mentor for students",
            ),
            (
                "Серебряный наставник для молодёжи",
                "Жастарға күміс тәлімгер",
                "Silver mentor for young people",
            ),
        ),
        sentences=(
            (
                "Наставники помогают молодым людям выбрать профессию и поверить в свои силы.",
                "Тәлімгерлер жастарға мамандық таңдауға және өз күшіне сенуге көмектеседі.",
                "Mentors help young people choose a profession and believe in themselves.",
            ),
            (
                "Встречи с подопечным проходят раз в неделю, очно или по видеосвязи.",
                "Қамқорлықтағы жаспен кездесу аптасына бір рет, бетпе-бет немесе бейнебайланыс "
                "арқылы өтеді.",
                "Meetings with a mentee take place once a week, in person or by video call.",
            ),
            (
                "Особенно ждём опытных специалистов и «серебряных» волонтёров старшего возраста.",
                "Әсіресе тәжірибелі мамандар мен аға буын «күміс» еріктілерін күтеміз.",
                "We especially welcome experienced professionals and older “silver” volunteers.",
            ),
        ),
        online=True,
        min_age=18,
    ),
    Theme(
        key="urban",
        causes=("urban",),
        skills=("construction-repair", "design", "gardening"),
        targets=("11.7",),
        projects=(
            ("Уютный двор", "Жайлы аула", "Cosy Courtyard"),
            ("Наш город", "Біздің қала", "Our City"),
        ),
        titles=(
            ("Благоустройство двора", "Ауланы абаттандыру", "Courtyard improvement"),
            (
                "Покраска детской площадки",
                "Балалар алаңын бояу",
                "Painting a children's playground",
            ),
            (
                "Ремонт в социальном центре",
                "Әлеуметтік орталықта жөндеу",
                "Repairs at a social centre",
            ),
        ),
        sentences=(
            (
                "Вместе с жителями благоустроим двор: покрасим скамейки, разобьём клумбы и "
                "повесим скворечники.",
                "Тұрғындармен бірге ауланы абаттандырамыз: орындықтарды бояп, гүлзар жасап, "
                "құс ұяларын ілеміз.",
                "Together with residents we will improve the courtyard: paint benches, plant "
                "flower beds and put up birdhouses.",
            ),
            (
                "Инструменты и материалы предоставляет управляющая компания.",
                "Құралдар мен материалдарды басқарушы компания береді.",
                "Tools and materials are provided by the building management company.",
            ),
            (
                "Тяжёлые работы выполняют только совершеннолетние волонтёры.",
                "Ауыр жұмыстарды тек кәмелетке толған еріктілер орындайды.",
                "Heavy work is done by adult volunteers only.",
            ),
        ),
        restricted=RestrictedCategory.HAZARDOUS,
        min_age=18,
    ),
    Theme(
        key="inclusion",
        causes=("social",),
        skills=("disability-support", "sign-language", "companionship"),
        targets=("10.2",),
        projects=(
            ("Равные возможности", "Тең мүмкіндіктер", "Equal Opportunities"),
            ("Мир без барьеров", "Кедергісіз әлем", "A World Without Barriers"),
        ),
        titles=(
            (
                "Сопровождение людей с инвалидностью",
                "Мүгедектігі бар адамдарды алып жүру",
                "Accompanying people with disabilities",
            ),
            (
                "Переводчик жестового языка на мероприятии",
                "Іс-шарадағы ым тілі аудармашысы",
                "Sign language interpreter at an event",
            ),
            (
                "Помощь в инклюзивной мастерской",
                "Инклюзивті шеберханада көмек",
                "Helping at an inclusive workshop",
            ),
        ),
        sentences=(
            (
                "Волонтёры сопровождают людей на колясках и незрячих гостей на прогулках и "
                "мероприятиях.",
                "Еріктілер арбадағы адамдар мен нашар көретін қонақтарды серуен мен "
                "іс-шараларда алып жүреді.",
                "Volunteers accompany wheelchair users and blind guests on walks and at events.",
            ),
            (
                "В инклюзивной мастерской подростки с особенностями развития учатся ремёслам.",
                "Инклюзивті шеберханада ерекше қажеттіліктері бар жасөспірімдер қолөнерге "
                "үйренеді.",
                "At the inclusive workshop teenagers with special needs learn crafts.",
            ),
            (
                "Перед началом работы пройдёт тренинг по этикету общения с людьми с инвалидностью.",
                "Жұмыс басталар алдында мүгедектігі бар адамдармен қарым-қатынас этикеті "
                "бойынша тренинг өтеді.",
                "Before starting there is training on etiquette for communicating with people "
                "with disabilities.",
            ),
        ),
    ),
)

# What the organisers add after the title, at the same index in every language.
TITLE_SUFFIXES: tuple[Texts, ...] = (
    ("", "", ""),
    (" — по выходным", " — демалыс күндері", " — at weekends"),
    (" — для студентов", " — студенттерге", " — for students"),
)

AGE_SENTENCE: Texts = (
    "Участвовать можно с {age} лет.",
    "Қатысушылардың жасы — {age} жастан бастап.",
    "Volunteers must be {age} or older.",
)
MEDICAL_SENTENCE: Texts = (
    "Нужно медицинское образование.",
    "Медициналық білім қажет.",
    "A medical qualification is required.",
)
PLACE_SENTENCE: Texts = (
    "Место: {city}.",
    "Өтетін орны: {city}.",
    "Location: {city}.",
)
ONLINE_SENTENCE: Texts = (
    "Участие онлайн, из любого города.",
    "Онлайн қатысу, кез келген қаладан.",
    "Online, from any city.",
)
PROJECT_SENTENCE: Texts = (
    "Проект организации «{organisation}».",
    "«{organisation}» ұйымының жобасы.",
    "A project of {organisation}.",
)
JOINT_SENTENCE: Texts = (
    "Совместный проект волонтёров России и Казахстана.",
    "Ресей мен Қазақстан еріктілерінің бірлескен жобасы.",
    "A joint project of volunteers from Russia and Kazakhstan.",
)

PROGRAMMES = (
    "Волонтеры мира",
    "Год добровольца",
    "Серебряные волонтеры",
    "Мы вместе",
)

REJECTION_REASON = "Набор на эту смену закрыт."

BIOS: tuple[Texts, ...] = (
    (
        "Люблю помогать людям и знакомиться с новыми командами.",
        "Адамдарға көмектескенді және жаңа командалармен танысқанды ұнатамын.",
        "I like helping people and meeting new teams.",
    ),
    (
        "Студент, волонтёр городских событий и экологических акций.",
        "Студентпін, қалалық іс-шаралар мен экологиялық акциялардың еріктісімін.",
        "Student; I volunteer at city events and environmental campaigns.",
    ),
    (
        "На пенсии, хочу передавать опыт молодым.",
        "Зейнеткермін, тәжірибемді жастарға бергім келеді.",
        "Retired; I want to pass my experience on to young people.",
    ),
    (
        "Работаю в IT, по выходным помогаю в приюте для животных.",
        "IT саласында жұмыс істеймін, демалыс күндері жануарлар баспанасында көмектесемін.",
        "I work in IT and help at an animal shelter at weekends.",
    ),
)

STREETS = {
    "RU": ("ул. Ленина", "пр. Мира", "ул. Советская", "ул. Гагарина", "ул. Пушкина"),
    "KZ": ("пр. Абая", "ул. Достык", "пр. Республики", "ул. Кенесары", "ул. Сатпаева"),
}
