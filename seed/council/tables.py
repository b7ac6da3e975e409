"""What the synthetic council is made of (see `seed.council`): its teams, the names its people
are given by era, and the sizes of the pools its young people share. Data only."""

from __future__ import annotations

from typing import Final

FEMALE: Final = "female"
MALE: Final = "male"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_TEAM_NAMES: Final = ("north", "south", "east", "west", "central", "city", "valley", "coast",
                      "moor", "riverside", "leaving-care", "disabled-children")  # fmt: skip

# Given names by era of birth (before 1955, 1955-1984, from 1985), surnames, places.
_GIVEN: Final[dict[tuple[str, int], tuple[str, ...]]] = {
    (FEMALE, 0): _names("Margaret Jean Ada Edna Joan Dorothy Irene Elsie Doris Joyce Betty Eileen "
                       "Kathleen Maureen Pauline Patricia Sheila Brenda Barbara Sylvia Audrey "
                       "Marjorie Violet Winifred Mavis Hilda Ivy Gladys Rita Shirley Valerie Ann "
                       "Mary Elizabeth Rose Evelyn Vera Phyllis June Beryl Bridget"),
    (FEMALE, 1): _names("Susan Karen Julie Tracey Donna Sharon Nicola Joanne Lisa Michelle Kerry "
                       "Claire Sarah Emma Angela Deborah Amanda Helen Louise Kelly Samantha "
                       "Rachel Dawn Jacqueline Lorraine Mandy Natalie Stacey Gemma Leanne Hayley "
                       "Kirsty Zoe Rebecca Laura Victoria Caroline Fiona Jennifer Siobhan Nadia "
                       "Priya Aisha Fatima Yasmin"),
    (FEMALE, 2): _names("Chelsea Ruby Lily Amber Poppy Mia Isla Freya Evie Ava Maisie Lexi Tia "
                       "Sophie Olivia Amelia Grace Ella Chloe Jessica Megan Ellie Lucy Holly "
                       "Millie Isabella Harper Rosie Niamh Aoife Saoirse Lola Willow Daisy Phoebe "
                       "Scarlett Erin Skye Hannah Zara Aaliyah Maya Imani Layla Esme"),
    (MALE, 0): _names("Walter Ronald Harold Thomas Albert Frederick Arthur George Ernest Stanley "
                     "Leonard Kenneth Dennis Norman Raymond Gordon Frank Patrick Brian Roy "
                     "Donald Eric Alfred Harry Sidney Cyril Percy William John James Robert "
                     "Michael Peter Jack Bernard Douglas Colin Derek Keith Malcolm"),
    (MALE, 1): _names("Craig Darren Gary Sean Mark Paul Lee Dean Jason Wayne Shaun Steven Andrew "
                     "Stephen Graham Alan Kevin Martin Neil Richard Simon Christopher Anthony "
                     "Carl Scott Matthew Daniel David Jamie Ryan Adam Gavin Shane Declan Michael "
                     "Robert Jonathan Ian Tariq Imran Kwame Tomasz"),
    (MALE, 2): _names("Kai Jordan Mason Tyler Connor Liam Ethan Noah Oliver Harry Jack Charlie "
                     "George Alfie Leo Archie Oscar Freddie Harvey Callum Kieran Riley Kayden "
                     "Jake Sam Luke Reece Lewis Owen Fionn Ciaran Logan Finley Theo Max Arlo "
                     "Reggie Jayden Ayaan Zain Musa Kacper Ibrahim Elijah"),
}  # fmt: skip
_SURNAMES: Final = _names(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook "
    "Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall "
    "Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray "
    "Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd "
    "Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed "
    "Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford "
    "Pearce Day Brennan Doyle Byrne Lowe Pickering Hartley Reid Okafor Adeyemi Nowak Kowalski "
    "Mensah Boateng O'Neill McLeod Grant"
)
_KNOWN_AS: Final = {
    "Margaret": "Maggie", "Elizabeth": "Liz", "Kathleen": "Kath", "Patricia": "Pat",
    "Jacqueline": "Jackie", "Samantha": "Sam", "Rebecca": "Becky", "Victoria": "Vicky",
    "Jennifer": "Jen", "Michael": "Mick", "William": "Bill", "Robert": "Bob", "Frederick": "Fred",
    "Anthony": "Tony", "Christopher": "Chris", "Stephen": "Steve", "Kenneth": "Ken",
    "Leonard": "Len", "Raymond": "Ray", "Jonathan": "Jon", "Alexander": "Alex", "Daniel": "Danny",
}  # fmt: skip
_TOWNS: Final = _names(
    "Leeds Bradford Wakefield Halifax Huddersfield Dewsbury Keighley Pontefract "
    "Castleford Batley Morley Pudsey Otley Ilkley Harrogate York Doncaster "
    "Barnsley Rotherham Sheffield"
)
_OUTWARD: Final = ("LS6", "LS9", "LS11", "BD3", "BD7", "WF1", "WF10", "HX1", "HD1", "WF13")
_STREETS: Final = ("Mill Lane", "Church Street", "Station Road", "Park Avenue", "Victoria Road",
                   "Queen Street", "Chapel Street", "Moor Lane", "Beech Grove", "Oak Road",
                   "Albert Terrace", "Springfield Road", "Highfield Close", "Manor Way",
                   "Green Lane", "Castle Street", "Westfield Drive", "Hollins Lane")  # fmt: skip
_SCHOOL_NAMES: Final = ("Oakfield", "Beechwood", "St Mary's", "Hillside", "Meadowbank",
                        "Greenhill", "Riverside", "Westfield", "Brookside", "Moorland", "Ashgrove",
                        "Holy Trinity", "St Anne's", "Parkside", "Woodlands", "Highfield",
                        "Lawnswood", "Fieldhead", "Crossley", "Thornton")  # fmt: skip
_HOMES: Final = ("Willow House", "The Beeches", "Rowan Lodge", "Hawthorn House", "Elm Court")

_FLAG_KINDS: Final[dict[int, tuple[tuple[str, str], ...]]] = {
    1: (("hazard_to_staff", "Aggressive to staff at a home visit."),),
    2: (("allegation", "An allegation under investigation; no finding yet."),
        ("child_protection_enquiry", "Named in a substantiated section 47 enquiry."),
        ("other", "Concerns raised by a school; ask before any contact.")),
    3: (("person_posing_risk_to_children", "Convicted of an offence against a child."),
        ("mappa_managed_offender", "Managed under MAPPA category 1."),
        ("finding_of_fact", "Finding of fact in care proceedings."),
        ("domestic_abuse_perpetrator", "Heard at MARAC after an incident at home.")),
}  # fmt: skip
_FLAG_SOURCES: Final = ("MARAC", "MAPPA meeting", "Police disclosure", "Strategy meeting",
                        "Family court", "LADO referral")  # fmt: skip
_ORDER_KINDS: Final = (
    ("section_34_contact_order", "No contact while the order stands."),
    ("restraining_order", "No contact, direct or indirect, including online."),
    ("non_molestation_order", "Not to approach the young person's home."),
    ("prohibited_steps_order", "Not to remove the young person from care."),
)

# Who has died by the reference date: the share of those born before each year.
_DEATHS: Final = ((1925, 0.97), (1935, 0.85), (1945, 0.55), (1955, 0.25), (1965, 0.08),
                  (1980, 0.03), (10_000, 0.01))  # fmt: skip
_STAGE_PATH: Final = ("identified", "located", "awaiting_safety_check", "approved",
                      "young_person_agreed", "contacted", "willing", "invited", "attended",
                      "in_plan")  # fmt: skip
# Where connections stand, and how many of them (weights).
_STAGES: Final = (("identified", 18), ("located", 10), ("awaiting_safety_check", 10),
                  ("approved", 7), ("not_approved", 4), ("young_person_agreed", 5),
                  ("contacted", 7), ("willing", 8), ("declined", 5), ("invited", 5),
                  ("attended", 5), ("in_plan", 16))  # fmt: skip
_REASONS: Final = {
    "identified": ("Named by the young person", "Found in the family tree",
                   "Got in touch asking about the young person", "Named in the care file"),
    "approved": ("No concerns known", "Checks clear"),
    "not_approved": ("A level 3 flag: not safe to approach",),
    "young_person_agreed": ("The young person asked for it", "Agreed at a review"),
    "contacted": ("Home visit", "Phone call", "Letter sent"),
    "declined": ("Not ready for contact", "Does not want to be involved"),
    "attended": ("Family Group Conference",),
    "in_plan": ("Lifelong Links plan agreed",),
}  # fmt: skip
_COMMITMENTS: Final = (((7, "A video call every week"), 2),
                       ((14, "A phone call every other Sunday"), 4),
                       ((30, "A visit once a month"), 4), ((60, "A day out every two months"), 2),
                       ((91, "A visit in each school holiday"), 2),
                       ((182, "A letter twice a year"), 1),
                       ((365, "A card and a call on their birthday"), 1))  # fmt: skip
_CONTACT_MODES: Final = (("visit", 4), ("call", 5), ("text", 3), ("letter_or_card", 2),
                         ("video", 2), ("social_media", 1))  # fmt: skip
_DIRECTIONS: Final = (("both_ways", 6), ("to_young_person", 3), ("from_young_person", 2))

# How many young people share the pools of foster carers, schools and workers.
_BLOCK: Final = 100
_CARER_HOUSEHOLDS: Final = 45
_PRIMARIES: Final = 8
_SECONDARIES: Final = 4
_TEACHERS: Final = 6
_WORKERS: Final = 8
_YOUTH_WORKERS: Final = 4
# Caseloads: young people per coordinator and per social worker.
_COORDINATOR_LOAD: Final = 22
_SOCIAL_WORKER_LOAD: Final = 16
