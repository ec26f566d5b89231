"""Invented personal names for the synthetic corpus, by the naming habits of a region.

Every foreign surname is built from a root and an ending with at least two vowel groups
("Tokayev", "Kawamura"), so it can never be read as a Vietnamese syllable; a given name
comes from a short list. Vietnamese names are surname + middle + given name. Chinese
officials get Sino-Vietnamese names ("Vương Khắc Minh"), as the Vietnamese press writes them.
None of these is meant to be a real person.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """How one region names people: given names (male, female), surname roots and endings."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    roots: tuple[str, ...]
    endings: tuple[str, ...]
    surname_first: bool = False
    female_ending: dict[str, str] | None = None  # "ov" -> "ova"


def _style(male: str, female: str, roots: str, endings: str, surname_first: bool = False,
           female_ending: dict[str, str] | None = None) -> Style:
    return Style(tuple(male.split()), tuple(female.split()), tuple(roots.split()), tuple(endings.split()),
                 surname_first, female_ending)


_SLAVIC_F = {"ov": "ova", "ev": "eva", "in": "ina", "sky": "skaya"}
STYLES: dict[str, Style] = {
    "slavic": _style(
        "Aleksandr Dmitry Sergei Mikhail Vladimir Nikolai Andrei Pavel Yuri Oleg Igor Viktor Boris "
        "Konstantin Vadim Anatoly Gennady Leonid Stanislav Valery Arkady Roman Maxim Denis Ruslan Grigory",
        "Valentina Svetlana Tatiana Yelena Irina Olga Natalia Marina Galina Lyudmila Anastasia Veronika",
        "Lavr Sokol Volk Zakhar Kozl Morozk Orlik Belyak Gromov Tikhon Kalin Zhukov Rybak Sedyk Yermak "
        "Chernyak Bazhen Dobrov Koval Loban Maslen Nesterk Ostap Pankrat Rudak Shuvalk Trofim Ustin "
        "Filat Kharit Tsvetk Yaroslav Zvyagin Bogdan Vasilk Gordeyk Davydk Yefim",
        "ov ev in enko sky ovich", female_ending=_SLAVIC_F),
    "turkic": _style(
        "Askar Nurlan Yerlan Kairat Marat Bakhyt Daniyar Timur Rustam Aziz Bakhtiyor Jamshid Sardor "
        "Ulugbek Adylbek Akylbek Kubanych Serdar Rashid Elnur Zhanibek Bolat Murat Kanat Almaz Azamat "
        "Erlan Talant Nursultan Sanjar Dilshod Otabek",
        "Aigerim Gulnara Dinara Zulfiya Madina Nargiza Saule Aizhan Kamila Dilnoza Malika Ainura Zhanar",
        "Akhmet Baimukh Zhaksyb Kuanysh Tuleub Nurgal Iskak Suleimen Abil Seitk Ospan Yesim Bekmur "
        "Dzhumab Karim Usman Tashk Rakhim Yusup Khodzh Sharip Umarb Kurban Ergash Mamyt Turdum Sadyk "
        "Abdrakh Moldob Sultanb Otorb Zhumag Esenb Kasym Toktom Alymb Satyb Nazarb",
        "ov ev ayev ekov uly", female_ending=_SLAVIC_F),
    "armenian": _style(
        "Armen Tigran Aram Nikol Ararat Gevorg Vahan Hovik Sargis Davit Karen Suren",
        "Anahit Lilit Mariam Gayane Narine Tatevik",
        "Grigor Sargs Mkrtch Hakob Avet Petros Vardan Harut Khachatr Ghazar Simon Manuk Mnatsak Galst",
        "yan ian"),
    "georgian": _style(
        "Giorgi Irakli Levan Zurab Mikheil Davit Shalva Tamaz Nodar Kakha",
        "Nino Tamar Salome Ketevan Maia Eka",
        "Kobakh Garibash Darchi Japarid Kvirik Tsikhel Margvel Lomtad Abash Gogib Chkheid Bakrad",
        "idze ishvili ia"),
    "japanese": _style(
        "Fumio Shigeru Yoshihide Taro Kenji Hiroshi Takeshi Masato Yoshimasa Toshimitsu Katsunobu "
        "Nobuo Koichi Daisuke Akira Satoshi",
        "Yoko Keiko Yuko Sanae Seiko Tomomi Noriko Akiko",
        "Kawa Yama Naka Taka Matsu Hashi Fuji Ishi Mori Kuro Shima Oka Saka Nishi Higa Ichi Suzu Kita "
        "Miya Tana Hoso Uchi",
        "mura moto shita hara gawa zaki kawa bayashi guchi naga", surname_first=True),
    "korean": _style(  # given names are two syllables joined: "Jae-sung"
        "Min Jae Hyun Sung Tae Jin Kyung Dong Chul Sang Young Seok Joon Woo Soo Kwang Yong",
        "Ji Hye Soo Eun Mi Yoo Da Seo Yeon Hee Jung",
        "Yoon Park Choi Jung Kang Cho Moon Shin Hwang Ahn Yoo Song Jeon Baek Kwon Lim Nam Oh Seo Yang",
        "", surname_first=True),
    "mongolian": _style(
        "Khurelsukh Batbold Enkhbayar Gombojav Zandanshatar Battulga Tsogtbaatar Luvsan Ganzorig Munkhbat "
        "Erdenebat Saikhanbileg Dorjsuren Amarbayasgalan",
        "Oyunchimeg Battsetseg Nominzul Sarangerel Enkhjargal Altantsetseg",
        "Ukhnaa Tsakhia Nambar Dashdor Gombo Luvsannyam Baatar Tserendor Jargal Sukhbaat Ochir Dambad",
        "giin iin yn", surname_first=True),
    "south_asian": _style(
        "Narendra Rajesh Anil Sunil Vikram Arvind Pranab Ashok Manoj Shahid Imran Asif Bilawal Tariq "
        "Mahinda Ranil Anura Pushpa Lotay Ravindra Harish Gopal Faisal Kamal",
        "Priya Sushma Nirmala Meenakshi Hina Sheikha Anupriya Kavita Lakshmi",
        "Chandra Raj Dev Mohan Rama Krishna Vijay Sri Subra Gokha Ranatunga Wick Bhanda Qureshi Baloch "
        "Chaudh Mukher Bane Iyeng Gupta Naray Siddi",
        "sekhar wardena nathan swamy kar ari janee ani manian"),
    "arab": _style(
        "Mohammed Abdullah Faisal Khalid Sultan Ahmed Hamad Tamim Saud Ayman Nasser Fahad Mansour Yousef "
        "Omar Salem Badr Sameh Hassan Bassem Tarek Nabil Rashid Majid Walid",
        "Layla Noura Reem Hind Amal Lubna Maryam Rania",
        "Al-Zayan Al-Nuaim Al-Dosar Al-Otaib Al-Shams Al-Marr Al-Kuwar Al-Hajr Al-Mansour Al-Shehh "
        "Al-Ketb Al-Harth Al-Habs Al-Rawah Al-Jabir Al-Khatib Abu-Ghaz Haddad Nassar Khour Saleh Aboul",
        "i awi ani ari"),
    "persian": _style(
        "Masoud Abbas Hassan Mohammad Javad Ebrahim Hossein Mahmoud Kazem Reza Saeed Mehdi Alireza",
        "Masoumeh Zahra Fatemeh Shahla",
        "Pezesh Araghch Zar Amir Abdoll Velay Larij Mott Sal Roh Ghalib Bagher Tehran Kharr",
        "kian ahian zadeh nejad pour avi"),
    "turkish": _style(
        "Recep Hakan Mevlüt Ömer Ahmet Mehmet Mustafa Numan Cevdet Kemal Ibrahim Binali Süleyman",
        "Emine Ayşe Zeynep Meral Tansu",
        "Kara Ak Demir Yıl Öz Çelik Ay Bal Kurt Tekin Şahin Aslan Kaya Bozk Ergün Tunç",
        "oğlu taş kaya dağ eren can soy"),
    "hebrew": _style(
        "Benjamin Yair Isaac Eli Gideon Avigdor Naftali Yossi Moshe Amir Yoav Ehud Gilad",
        "Tzipi Miri Ayelet Orit Limor",
        "Ben-Dav Ben-Ami Lev Mizrah Peret Shar Katzen Dayan Gantz Herz Benn Ashken Rosen Gold",
        "i ovich berg stein on ari"),
    "thai": _style(
        "Srettha Prayut Anutin Parnpree Maris Somchai Sompong Thanakorn Chaiwut Jurin Pirapan Sihasak "
        "Nikorndej Wissanu Don Chatchai",
        "Paetongtarn Yingluck Kanchana Siriporn Pimchanok",
        "Shina Sang Wong Chan Prasert Suk Thavi Chai Bun Pong Sri Kitti Rattana Boon Tham",
        "watra sin siri chai phan suwan pong sakul wong"),
    "lao": _style(
        "Sonexay Thongloun Saleumxay Sonxay Bounthong Phankham Xaysomphone Khamphao Sisouk Alounxay "
        "Bounleua Khamphet Souphanh Thongsing",
        "Pany Sunlabouth Vilayvanh Khemmani",
        "Sipha Siso Kommasi Vipha Chantha Phomma Keoka Sayavo Souvanna Phetsa Inthavo Xaykhamphi",
        "ndone ulith vanh bouly rath vong mali"),
    "khmer": _style(
        "Manet Sokhonn Samrith Chanthol Rithy Sophea Vanna Seiha Boran Pisey Vuthy Sakhon Kimsour",
        "Sreymom Kanitha Bopha Sokunthea Chanthou",
        "Hun Prak Sok Say Chea Heng Men Tea Kong Chhay Sun Keo Vong Ouk Ly",
        "", surname_first=True),
    "burmese": _style(
        "Min Aung Than Kyaw Zaw Myint Htun Soe Win Naing Thant Hla Thein Tun",
        "Khin Nwe Sandar Thida",
        "Hlaing Swe Myint Htay Lwin Shwe Thein Kyaw Htun",
        "", surname_first=False),
    "malay": _style(
        "Anwar Mohamad Ismail Zambry Tengku Saifuddin Fadillah Hishammuddin Azmin Rafizi Amirudin Johari "
        "Erywan Hassanal Azhar",
        "Wan Nancy Zuraida Hannah Siti",
        "Ibra Yaak Abdull Huss Yus Kad Raz Ham Nas Zainudd Mokht Shahr Rahm Bakar Sallehudd",
        "him ob ah ein of ir ak id ution din ar an"),
    "indonesian": _style(
        "Prabowo Joko Sugiono Airlangga Bahlil Budi Agus Luhut Pratikno Yasonna Erick Mahfud Arif",
        "Retno Puan Megawati Sri Susi Dian",
        "Subi Marsu Wido Harto Sukar Susi Yudho Wira Santo Purno Setia Guna Kusu Hasto Pandja Sasmi",
        "anto di do wan jaya putra tuti"),
    "anglo": _style(
        "James John Robert Michael William David Richard Thomas Charles Anthony Mark Andrew Kevin Brian "
        "Peter Simon Scott Gregory Jeremy Malcolm Christopher Jonathan Stephen Philip Daniel Matthew",
        "Mary Jennifer Linda Elizabeth Susan Margaret Penelope Catherine Julia Helen Jacinda Theresa Anne "
        "Rebecca Claire",
        "Whit Harr Black Ash Brad Chester Hast Kings Wood Bur Fair Ruther Holl Went Stan Wel Pem Ald "
        "Craw Marsh Thorn Elling Hadd Pres Lang Carr Rad Wex",
        "ington ford field ley worth ton wood bury more well shaw by"),
    "hispanic": _style(
        "Carlos José Luis Miguel Andrés Gustavo Gabriel Alberto Javier Diego Sebastián Nicolás Rafael "
        "Alejandro Ernesto Fernando Ricardo Mauricio Rodrigo Enrique Teodoro Ramón",
        "Claudia Xiomara Dina Laura Verónica Michelle Dilma Gabriela Rosario Yolanda",
        "Fernánd Rodrígu Gonzál Hernánd Martín Sánch Ramír Domíngu Álvar Benít Gutiérr Ordóñ Velásqu "
        "Menénd Jimén Márqu Pér Vásqu Henríqu Quiñón Esteb",
        "ez es"),
    "lusophone": _style(
        "Luiz João Marcelo António Paulo Augusto Fernando Jorge Filipe Mauro Geraldo Rui Daniel Manuel",
        "Ana Marta Mariana Luísa Beatriz",
        "Silv Sant Olive Carv Ferr Almeid Mend Lour Macha Teix Barb Cabr Nogu Mour Ribe Pinh",
        "eira anha ado ena osa ino alho"),
    "french": _style(
        "Emmanuel François Jean Michel Pierre Philippe Laurent Olivier Stéphane Gérard Dominique Bruno "
        "Alassane Ousmane Macky Félix Mamadou Andry Yves Didier",
        "Catherine Élisabeth Sophie Brigitte Aminata Hélène Isabelle Nathalie",
        "Lemoi Bertr Dur Renaud Mart Mor Lefèv Fourn Gir Bonn Rouss Chev Vincen Boul Gaut Lacr Duv "
        "Ouatt Diall Koné Traor Camar",
        "eau ier ard elle ot ine ara ou é"),
    "germanic": _style(
        "Olaf Karl Wolfgang Heinz Gerhard Stefan Markus Alexander Dirk Hendrik Jürgen Matthias Rutger",
        "Annalena Ursula Sigrid Petra Hanna Liesbeth",
        "Schol Stein Baer Lind Hof Wag Berg Neu Kraus Fisch Schrö Hoek Klin Nehamm Brand Wiede Kuhl",
        "meier bock mann ner berger stra hauser"),
    "nordic": _style(
        "Ulf Jonas Lars Magnus Erik Petteri Bjarni Jens Anders Henrik Kristian Olof Mikael Espen",
        "Mette Sanna Katrín Ingrid Solveig Annika Birgitta",
        "Kris Stø Frede Rasmu Hann Lund Berg Mart Niinis Haavis Orp Bened Jakob Lindq Sand Holm",
        "tersson re riksen ussen dottir ström inen lä gaard"),
    "italian": _style(
        "Sergio Antonio Matteo Mario Luigi Paolo Giuseppe Enrico Carlo Roberto Guido Adolfo Raffaele",
        "Giorgia Elisabetta Daniela Valeria Chiara",
        "Melo Mattar Taja Rend Gentil Cont Drag Fratell Bern Mancin Ross Ferr Marin Lomb Gall",
        "ni ella ano etti ucci ari one"),
    "westslavic": _style(
        "Andrzej Donald Radosław Mateusz Petr Jan Miloš Robert Peter Ivan Zbigniew Tomasz Jaroslav",
        "Zuzana Beata Ewa Markéta Jana",
        "Dud Sikor Morawi Fial Lipav Pavl Čapu Bartoš Kowal Nowak Wiśn Zieliń Dvoř Novot Kraj",
        "ski ecki ák owski ek ovský", female_ending={"ski": "ska", "ecki": "ecka", "owski": "owska", "ovský": "ovská", "ák": "áková", "ek": "ková"}),
    "magyar_romance": _style(
        "Viktor Péter Klaus Marcel Nicolae Bogdan Ion Sándor Tamás Zoltán Mihai Victor",
        "Katalin Laura Viorica Ramona Judit",
        "Szab Kov Tót Nagysz Popesc Ionesc Dumitr Stanc Marin Ciob Orb Szijj Aur",
        "ó ács escu eanu ás ányi"),
    "balkan": _style(
        "Aleksandar Ivica Milorad Zoran Andrej Dragan Goran Edi Rumen Ilir Bujar Nikola Milo Stevo",
        "Ana Tanja Vjosa Jadranka Snežana",
        "Vuč Dač Brnab Plenk Mil Petk Rad Jovan Stojan Hox Kurt Begaj Ristov Todor Mark",
        "ić ović evski ov aj iqi anov"),
    "greek": _style(
        "Kyriakos Nikos Georgios Konstantinos Dimitris Alexis Nikolaos Christos Panagiotis",
        "Katerina Ekaterini Dora Anna",
        "Mitsotak Dend Gerapetr Tsipr Christodoul Anastasiad Papadop Georgi Karaman Kombok Vassil",
        "is ias ou os idis oulos"),
    "baltic": _style(
        "Alar Edgars Krišjānis Gitanas Urmas Jüri Arvydas Gabrielius Margus Egils Gintautas",
        "Kaja Ingrida Evika Kersti Dalia",
        "Karis Rinkēv Nausė Landsberg Šimonyt Tsahk Reinsal Kariņ Sepp Kalnin Paleck",
        "ičs dis is as ė ene ovs"),
    "african": _style(
        "Cyril Bola Abiy Uhuru William Emmerson Hakainde Yoweri Paul Nana John Samuel Kwame Jakaya "
        "Mokgweetsi Julius Filipe Hage",
        "Samia Ellen Joyce Sahle-Work Netumbo Naledi",
        "Rama Tinu Kenya Mnanga Hichi Muse Kaga Maha Nkose Obasa Okonk Adeye Mwang Kiba Mutha Ndlo "
        "Masi Ngcu Odin Kikwe",
        "phosa bu tta gwa lema veni me zana njo wo kura tete"),
}

# The region whose naming habits each state's officials follow.
REGION_OF: dict[str, str] = {}
for _region, _codes in {
    "slavic": "RU BY UA",
    "turkic": "KZ KG UZ TM TJ AZ",
    "armenian": "AM", "georgian": "GE", "japanese": "JP", "korean": "KR KP", "mongolian": "MN",
    "south_asian": "IN PK BD LK NP BT MV AF",
    "arab": "SA AE QA KW OM JO LB EG IQ SY PS DZ MA TN LY SD",
    "persian": "IR", "turkish": "TR", "hebrew": "IL", "thai": "TH", "lao": "LA", "khmer": "KH",
    "burmese": "MM", "malay": "MY BN", "indonesian": "ID TL",
    "anglo": "AU NZ US CA GB IE PG FJ",
    "hispanic": "MX CU AR CL PE CO VE NI BO UY PA ES PH",
    "lusophone": "BR PT AO MZ",
    "french": "FR BE LU CH SN CI CM CD ML GN BF MG",
    "germanic": "DE AT NL", "nordic": "SE NO DK FI IS", "italian": "IT MT VA",
    "westslavic": "PL CZ SK", "magyar_romance": "HU RO MD",
    "balkan": "RS HR SI BA ME MK AL BG XK", "greek": "GR CY", "baltic": "EE LV LT",
    "african": "ZA NG ET KE TZ ZW ZM UG RW GH NA BW LS",
}.items():
    for _code in _codes.split():
        REGION_OF[_code] = _region

# Vietnamese names: no syllable that is also the name of a state or a place ("Đức", "Nga",
# "Lào", "Viên"), so a name never hides a state.
VN_SURNAMES = tuple(
    "Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Hoàng Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Đinh Lương "
    "Trương Phan Mai Đào Đoàn Tô Cao Trịnh Lâm Tạ Chu Huỳnh Kiều Phùng Nghiêm".split()
)
VN_MIDDLE_M = tuple("Văn Minh Quốc Thanh Xuân Hữu Hồng Duy Tấn Khắc Đình Công Mạnh Thế Bá Trọng Quang Tuấn Chí Việt".split())
VN_MIDDLE_F = tuple("Thị Thu Ngọc Kim Thanh Hồng Minh Thúy Lan Bích".split())
VN_GIVEN_M = tuple(
    "Hùng Sơn Dũng Tuấn Phúc Thắng Cường Long Bình Hòa Khánh Hưng Quang Thành Tâm Hiếu Nghĩa Vinh "
    "Lợi Kiên Tùng Định Toàn Lực Hậu Thịnh Khoa Phong Tiến Trí Thuận Chiến Đạt Hiển Luân Mẫn Tài".split()
)
VN_GIVEN_F = tuple("Hằng Lan Phương Linh Huệ Thủy Hương Mai Ngân Yến Thảo Hạnh Trang Vân Nhung Xuân Dung".split())
# Sino-Vietnamese names of Chinese officials: surnames the extractor knows as Vietnamese too.
CN_SURNAMES = tuple("Tập Lý Vương Triệu Mã Đinh Hồ Ôn Tôn Lưu Trương Chu Dương Mạnh Tiền Cố".split())
CN_GIVEN = tuple(
    "Cận Bình Cường Nghị Khắc Kiệt Ninh Hy Tuấn Lập Quân Minh Đông Triết Vân Phong Lượng Trì Hoa "
    "Kiến Chính Thịnh Diệu Tường Bảo Hiển".split()
)

_VOWELS = re.compile(r"[aeiouyàáâãèéêìíòóôõùúýăđĩũơưạ-ỹäöüőűåøæėįųūīēā]+", re.I)


def foreign_token(token: str) -> bool:
    """True when a token cannot be one Vietnamese syllable: two vowel groups, or a hyphen."""
    return "-" in token or len(_VOWELS.findall(token)) >= 2


def foreign_name(style: Style, female: bool, rng: random.Random) -> tuple[str, str]:
    """(full name, the surname the press uses alone) in a region's style."""
    given = rng.choice(style.female if female else style.male)
    if style is STYLES["korean"]:
        second = rng.choice(style.male + style.female)
        given = f"{given}-{second.lower()}" if second != given else f"{given}-ho"
    root = rng.choice(style.roots)
    ending = rng.choice(style.endings) if style.endings else ""
    if female and style.female_ending and ending in style.female_ending:
        ending = style.female_ending[ending]
    surname = root + ending
    if style is STYLES["khmer"] or style is STYLES["korean"]:
        return f"{surname} {given}", surname
    if style is STYLES["burmese"]:
        parts = [given, rng.choice(style.male + style.female), surname]
        return " ".join(dict.fromkeys(parts)), surname
    if style.surname_first:
        return f"{surname} {given}", surname
    if rng.random() < 0.12 and style not in (STYLES["japanese"],):
        middle = rng.choice(style.male if not female else style.female)
        if middle != given:
            return f"{given} {middle} {surname}", surname
    return f"{given} {surname}", surname


def vietnamese_name(female: bool, rng: random.Random) -> str:
    surname = rng.choice(VN_SURNAMES)
    middle = rng.choice(VN_MIDDLE_F if female else VN_MIDDLE_M)
    given = rng.choice(VN_GIVEN_F if female else VN_GIVEN_M)
    if rng.random() < 0.35:  # four-word names: "Lê Thị Thu Hằng"
        second = rng.choice(VN_MIDDLE_F if female else VN_MIDDLE_M)
        if second != middle:
            return f"{surname} {middle} {second} {given}"
    return f"{surname} {middle} {given}"


def chinese_name(rng: random.Random) -> str:
    surname = rng.choice(CN_SURNAMES)
    given = rng.sample(CN_GIVEN, rng.choice((1, 2)))
    return " ".join([surname, *given])
