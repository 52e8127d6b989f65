#!/usr/bin/env python3
"""Deterministic generator of a long-format public-health indicator CSV.

Usage:
    generate_indicators.py --rows N --out PATH [--seed S]

The output imitates an indicator export (one row per indicator, area, sex,
age band and period):

    indicator_id,indicator_name,domain,area_code,area_name,area_type,sex,age,
    period,value,lower_ci,upper_ci,count,denominator,value_note

* ~40 indicators over four domains, some names with commas and doubled quotes;
* areas walked level by level: England, regions, upper-tier and lower-tier
  local authorities (unitary authorities appear under both, as in real
  exports), then MSOAs and LSOAs named "<district> 001" / "<district> 001A";
* each series (indicator, area, sex, age) has 8-15 consecutive periods, in
  the indicator's own period style: "2019", "2019/20" or "2017 - 19";
* value has 1-3 decimals (fixed per indicator); ~3% of value cells are empty
  and ~1% are "*" (suppressed, with lower_ci, upper_ci and count empty too);
* LF line endings, UTF-8 (a few non-ASCII characters), no BOM.

Only the Python standard library is used and the output depends only on
--rows and --seed: the file for N rows is a byte prefix of the file for any
M > N rows (the last series may be cut short to give exactly N rows). If N
exceeds the ~13M-row universe of distinct series, the walk starts again with
fresh values (series keys then repeat).

The byte count is printed at the end. The file is written to PATH.tmp and
renamed into place, so an interrupted run never leaves a truncated PATH.
"""

import argparse
import math
import os
import random
import sys
import time

HEADER = ("indicator_id,indicator_name,domain,area_code,area_name,area_type,"
          "sex,age,period,value,lower_ci,upper_ci,count,denominator,value_note\n")

DEFAULT_SEED = 20240917
BATCH_ROWS = 65536


def q(s):
    """Quote one CSV field per RFC 4180 when it needs it."""
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


# --------------------------------------------------------------------------
# Sex / age combinations. Each entry: (sex, age, share of the area population)
# --------------------------------------------------------------------------
def mfp(age, share):
    return [("Persons", age, share), ("Male", age, share / 2), ("Female", age, share / 2)]


COMBOS = {
    "P_ALL": [("Persons", "All ages", 1.0)],
    "MF_ALL": [("Male", "All ages", 0.5), ("Female", "All ages", 0.5)],
    "MFP_ALL": mfp("All ages", 1.0),
    "MF_65": [("Male", "65 yrs", 0.09), ("Female", "65 yrs", 0.10)],
    "MFP_U75": mfp("<75 yrs", 0.92),
    "MFP_65P": mfp("65+ yrs", 0.19),
    "P_19P": [("Persons", "19+ yrs", 0.78)],
    "MFP_18P": mfp("18+ yrs", 0.79),
    "P_18P": [("Persons", "18+ yrs", 0.79)],
    "MFP_10P": mfp("10+ yrs", 0.88),
    "P_0_15": [("Persons", "0-15 yrs", 0.19)],
    "P_60P": [("Persons", "60+ yrs", 0.25)],
    "P_16_64": [("Persons", "16-64 yrs", 0.62)],
    "P_18_74": [("Persons", "18-74 yrs", 0.70)],
    "P_5": [("Persons", "5 yrs", 0.012)],
    "P_65P": [("Persons", "65+ yrs", 0.19)],
    "F_53_70": [("Female", "53-70 yrs", 0.11)],
    "P_60_74": [("Persons", "60-74 yrs", 0.15)],
    "F_25_49": [("Female", "25-49 yrs", 0.16)],
    "MFP_16P": mfp("16+ yrs", 0.81),
    "P_40_74": [("Persons", "40-74 yrs", 0.045)],
    "MFP_4_5": mfp("4-5 yrs", 0.012),
    "MFP_10_11": mfp("10-11 yrs", 0.012),
    "F_ALL": [("Female", "All ages", 0.012)],
    "MFP_0_14": mfp("0-14 yrs", 0.18),
    "P_TERM": [("Persons", "37+ weeks gestational age at birth", 0.011)],
    "F_U18": [("Female", "<18 yrs", 0.025)],
    "MFP_5": mfp("5 yrs", 0.012),
    "P_U18": [("Persons", "<18 yrs", 0.21)],
    "MFP_0_18": mfp("0-18 yrs", 0.22),
    "P_U1": [("Persons", "<1 yr", 0.011)],
    "P_BANDS": [("Persons", "0-4 yrs", 0.057), ("Persons", "5-9 yrs", 0.060),
                ("Persons", "10-14 yrs", 0.060), ("Persons", "15-19 yrs", 0.057)],
}

# --------------------------------------------------------------------------
# Indicators.
# (id, name, domain, kind, decimals, period style, combos, levels,
#  base, between-area sd, trend per year, noise sd, deprivation loading,
#  male shift, female shift, rate multiplier)
# kind: pct | rate | years | ratio | score
# levels: E England, R region, U upper-tier LA, L lower-tier LA, M MSOA, S LSOA
# --------------------------------------------------------------------------
H, I, S, C = "Health", "Inequality", "Service access", "Child wellbeing"
INDICATORS = [
    (90366, "Life expectancy at birth", H, "years", 1, "rolling3", "MF_ALL", "ERULM",
     82.9, 1.6, 0.06, 0.25, -0.8, -3.8, 0.0, 0),
    (90362, 'Life expectancy at birth, "healthy" years (persons)', H, "years", 1, "rolling3",
     "P_ALL", "ERUL", 63.1, 3.2, -0.05, 0.7, -0.8, 0, 0, 0),
    (93523, "Life expectancy at 65", H, "years", 1, "rolling3", "MF_65", "ERUL",
     21.0, 1.1, 0.04, 0.2, -0.7, -2.4, 0.0, 0),
    (93505, "Under 75 mortality rate from all causes", H, "rate", 1, "annual", "MFP_U75", "ERUL",
     330.0, 60.0, -3.0, 9.0, 0.8, 80.0, -70.0, 1e5),
    (40401, "Under 75 mortality rate from cardiovascular disease, considered preventable", H, "rate",
     1, "rolling3", "MFP_U75", "ERUL", 30.0, 7.0, -0.8, 1.5, 0.8, 14.0, -12.0, 1e5),
    (40501, "Under 75 mortality rate from cancer", H, "rate", 1, "rolling3", "MFP_U75", "ERUL",
     125.0, 14.0, -1.2, 3.0, 0.7, 12.0, -11.0, 1e5),
    (22401, "Emergency hospital admissions due to falls in people aged 65 and over", H, "rate", 1,
     "financial", "MFP_65P", "ERULM", 2100.0, 320.0, -10.0, 60.0, 0.3, -500.0, 300.0, 1e5),
    (93014, "Percentage of physically active adults", H, "pct", 1, "financial", "P_19P", "ERUL",
     66.0, 4.0, 0.2, 1.5, -0.6, 0, 0, 0),
    (92443, "Smoking prevalence in adults (18+), current smokers (APS)", H, "pct", 1, "annual",
     "MFP_18P", "ERUL", 13.5, 3.0, -0.5, 1.2, 0.7, 2.5, -2.3, 0),
    (93088, "Percentage of adults (aged 18+) classified as overweight or obese", H, "pct", 1,
     "financial", "P_18P", "ERUL", 63.5, 4.0, 0.15, 1.4, 0.5, 0, 0, 0),
    (41001, "Suicide rate", H, "rate", 1, "rolling3", "MFP_10P", "ERUL",
     10.4, 2.4, 0.05, 1.0, 0.4, 5.6, -5.1, 1e5),
    (93764, "Admission episodes for alcohol-specific conditions", H, "rate", 1, "financial",
     "MFP_ALL", "ERULM", 580.0, 170.0, 4.0, 30.0, 0.7, 230.0, -250.0, 1e5),
    (92901, "Inequality in life expectancy at birth", I, "years", 1, "rolling3", "MF_ALL", "ERUL",
     7.6, 2.4, 0.08, 0.6, 0.3, 1.9, -1.6, 0),
    (93553, "Income deprivation score (IMD domain, annual modelled estimate)", I, "score", 3,
     "annual", "P_ALL", "ERULMS", 0.129, 0.055, 0.0008, 0.004, 1.0, 0, 0, 0),
    (93701, "Children in absolute low income families (under 16s)", I, "pct", 1, "financial",
     "P_0_15", "ERULM", 15.5, 6.0, 0.2, 0.9, 0.9, 0, 0, 0),
    (93097, "Older people in poverty: Income deprivation affecting older people index (IDAOPI)",
     I, "pct", 1, "annual", "P_60P", "ERULMS", 14.2, 6.5, -0.05, 0.5, 0.9, 0, 0, 0),
    (90356, "Fuel poverty (low income, low energy efficiency methodology)", I, "pct", 1, "annual",
     "P_ALL", "ERULMS", 13.2, 3.6, -0.1, 0.7, 0.6, 0, 0, 0),
    (93074, "Gap in the employment rate between those with a long-term health condition and "
     "the overall employment rate", I, "pct", 1, "annual", "P_16_64", "ERUL",
     10.5, 4.2, -0.1, 1.6, 0.3, 0, 0, 0),
    (93227, "Excess under 75 mortality rate in adults with severe mental illness (SMI)", I, "ratio",
     1, "rolling3", "P_18_74", "ERUL", 390.0, 80.0, 2.0, 20.0, -0.2, 0, 0, 0),
    (93227 + 1, "Emergency admissions for all causes, standardised admission ratio", I, "ratio", 1,
     "rolling3", "MFP_ALL", "ERULMS", 100.0, 18.0, 0.4, 3.0, 0.7, 4.0, -3.5, 0),
    (30101, "Population vaccination coverage: MMR for two doses (5 years old)", S, "pct", 1,
     "financial", "P_5", "ERUL", 86.5, 5.0, -0.3, 1.2, -0.5, 0, 0, 0),
    (30301, "Population vaccination coverage: Flu (aged 65 and over)", S, "pct", 1, "financial",
     "P_65P", "ERUL", 72.0, 3.8, 0.4, 1.3, -0.4, 0, 0, 0),
    (22001, "Cancer screening coverage: breast cancer", S, "pct", 1, "annual", "F_53_70", "ERULM",
     70.5, 5.5, -0.3, 1.2, -0.6, 0, 0, 0),
    (91720, "Cancer screening coverage: bowel cancer", S, "pct", 1, "annual", "P_60_74", "ERULM",
     66.0, 5.0, 0.8, 1.0, -0.6, 0, 0, 0),
    (93560, "Cancer screening coverage: cervical cancer (aged 25 to 49 years old)", S, "pct", 1,
     "annual", "F_25_49", "ERULM", 68.5, 5.2, -0.4, 1.0, -0.5, 0, 0, 0),
    (93973, "Access to GP services: good overall experience of making an appointment", S, "pct", 1,
     "annual", "MFP_16P", "ERULMS", 56.0, 8.0, -1.0, 2.5, -0.2, -1.0, 1.0, 0),
    (93671, "Percentage of cancers diagnosed at stages 1 and 2", S, "pct", 1, "annual", "P_ALL",
     "ERUL", 54.0, 4.0, 0.3, 1.5, -0.3, 0, 0, 0),
    (92949, "Dementia: recorded prevalence (aged 65 years and over)", S, "pct", 3, "annual",
     "P_65P", "ERULM", 3.97, 0.6, 0.01, 0.08, 0.2, 0, 0, 0),
    (91734, "Cumulative percentage of the eligible population aged 40 to 74 offered an NHS Health "
     "Check who received one", S, "pct", 2, "financial", "P_40_74", "ERUL",
     46.0, 10.0, -0.8, 3.0, -0.2, 0, 0, 0),
    (90244, "Successful completion of drug treatment: opiate users", S, "pct", 2, "annual",
     "P_18P", "ERUL", 5.5, 2.0, -0.1, 0.6, -0.3, 0, 0, 0),
    (92785, 'Dental access, "adult" patients seen within 24 months', S, "pct", 1, "annual",
     "P_18P", "ERULM", 43.0, 8.0, -1.0, 1.5, 0.1, 0, 0, 0),
    (93472, "Emergency readmissions within 30 days of discharge from hospital", S, "pct", 2,
     "financial", "MFP_ALL", "ERULMS", 14.4, 1.5, 0.1, 0.6, 0.5, 0.6, -0.5, 0),
    (20601, "Reception: Prevalence of overweight (including obesity)", C, "pct", 1, "financial",
     "MFP_4_5", "ERULMS", 22.3, 3.4, 0.05, 1.0, 0.6, 0, 0, 0),
    (20602, "Year 6: Prevalence of overweight (including obesity)", C, "pct", 1, "financial",
     "MFP_10_11", "ERULMS", 36.0, 4.4, 0.3, 1.3, 0.7, 0, 0, 0),
    (93085, "Smoking status at time of delivery", C, "pct", 1, "financial", "F_ALL", "ERUL",
     10.0, 3.6, -0.4, 1.0, 0.7, 0, 0, 0),
    (92517, "Baby's first feed breastmilk", C, "pct", 1, "financial", "F_ALL", "ERUL",
     71.0, 9.0, 0.3, 2.0, -0.5, 0, 0, 0),
    (90284, "Hospital admissions caused by unintentional and deliberate injuries in children "
     "(aged 0 to 14 years)", C, "rate", 1, "financial", "MFP_0_14", "ERULM",
     85.0, 22.0, -2.0, 6.0, 0.5, 14.0, -13.0, 1e4),
    (20101, "Low birth weight of term babies (< 2,500 g)", C, "pct", 2, "annual", "P_TERM",
     "ERULM", 2.86, 0.6, -0.01, 0.2, 0.6, 0, 0, 0),
    (10101, "Children in relative low income families (under 16s)", C, "pct", 1, "financial",
     "P_0_15", "ERULMS", 19.0, 8.0, 0.3, 1.0, 0.9, 0, 0, 0),
    (20401, "Under 18s conception rate / 1,000", C, "rate", 1, "annual", "F_U18", "ERUL",
     15.0, 5.0, -1.1, 1.5, 0.7, 0, 0, 1e3),
    (90803, "Percentage of children achieving a good level of development at the end of Reception",
     C, "pct", 1, "financial", "MFP_5", "ERUL", 65.0, 4.0, 0.5, 1.5, -0.6, -7.5, 7.5, 0),
    (90885, "Children in care", C, "rate", 1, "annual", "P_U18", "ERUL",
     67.0, 25.0, 0.8, 3.0, 0.7, 0, 0, 1e4),
    (90810, "Hospital admissions for asthma (under 19 years)", C, "rate", 1, "financial",
     "MFP_0_18", "ERULM", 160.0, 50.0, -5.0, 12.0, 0.5, 30.0, -30.0, 1e5),
    (92196, "Infant mortality rate", C, "rate", 1, "rolling3", "P_U1", "ERUL",
     3.9, 1.0, -0.05, 0.4, 0.6, 0, 0, 1e3),
    (92237, "Emergency admissions of children and young people, crude rate per 1,000", C, "rate",
     1, "financial", "P_BANDS", "ERULM", 95.0, 20.0, -1.0, 4.0, 0.4, 0, 0, 1e3),
]

LATEST = {"annual": 2023, "financial": 2022, "rolling3": 2023}
FIRST_YEAR = 2000


def period_label(style, y):
    if style == "annual":
        return str(y)
    if style == "financial":  # 2019/20 (also used for school years)
        return "%d/%02d" % (y, (y + 1) % 100)
    return "%d - %02d" % (y - 2, y % 100)  # rolling3: "2017 - 19"


PERIODS = {st: {y: period_label(st, y) for y in range(FIRST_YEAR, 2030)} for st in LATEST}

NOTES = [
    "Provisional data",
    "Aggregated from all known lower geography values",
    "Data quality issue, interpret with caution",
    "Value revised since previous release",
    "Data for 2020/21 affected by COVID\u201119 \u2013 interpret with caution",
    "Fewer than 50% of practices submitted data",
    "Value estimated from modelled data",
    'Includes "unknown" category',
]
NOTES_Q = [q(n) for n in NOTES]
MISSING_NOTES = ["", "", "Data not available", "Value not published for data quality reasons"]
MISSING_NOTES_Q = [q(n) for n in MISSING_NOTES]
SUPPRESSED_NOTE = q("Value suppressed for disclosure control, small numbers")

# --------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------
REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West"]

UNITARY = [  # E06 (codes 1.. with a few gaps as in reality)
    (1, "Hartlepool"), (2, "Middlesbrough"), (3, "Redcar and Cleveland"), (4, "Stockton-on-Tees"),
    (5, "Darlington"), (6, "Halton"), (7, "Warrington"), (8, "Blackburn with Darwen"),
    (9, "Blackpool"), (10, "Kingston upon Hull, City of"), (11, "East Riding of Yorkshire"),
    (12, "North East Lincolnshire"), (13, "North Lincolnshire"), (14, "York"), (15, "Derby"),
    (16, "Leicester"), (17, "Rutland"), (18, "Nottingham"), (19, "Herefordshire, County of"),
    (20, "Telford and Wrekin"), (21, "Stoke-on-Trent"), (22, "Bath and North East Somerset"),
    (23, "Bristol, City of"), (24, "North Somerset"), (25, "South Gloucestershire"),
    (26, "Plymouth"), (27, "Torbay"), (30, "Swindon"), (31, "Peterborough"), (32, "Luton"),
    (33, "Southend-on-Sea"), (34, "Thurrock"), (35, "Medway"), (36, "Bracknell Forest"),
    (37, "West Berkshire"), (38, "Reading"), (39, "Slough"), (40, "Windsor and Maidenhead"),
    (41, "Wokingham"), (42, "Milton Keynes"), (43, "Brighton and Hove"), (44, "Portsmouth"),
    (45, "Southampton"), (46, "Isle of Wight"), (47, "County Durham"), (49, "Cheshire East"),
    (50, "Cheshire West and Chester"), (51, "Shropshire"), (52, "Cornwall"),
    (53, "Isles of Scilly"), (54, "Wiltshire"), (55, "Bedford"), (56, "Central Bedfordshire"),
    (57, "Northumberland"), (58, "Bournemouth, Christchurch and Poole"), (59, "Dorset"),
    (60, "Buckinghamshire"), (61, "North Northamptonshire"), (62, "West Northamptonshire"),
    (63, "Cumberland"), (64, "Westmorland and Furness"), (65, "North Yorkshire"), (66, "Somerset"),
]
METROPOLITAN = [  # E08
    "Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
    "Trafford", "Wigan", "Knowsley", "Liverpool", "St. Helens", "Sefton", "Wirral", "Barnsley",
    "Doncaster", "Rotherham", "Sheffield", None, "Newcastle upon Tyne", "North Tyneside",
    "South Tyneside", "Sunderland", "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull",
    "Walsall", "Wolverhampton", "Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield",
    "Gateshead",
]
LONDON = [  # E09
    "City of London", "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
    "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
    "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
]
COUNTIES = [  # E10 code, name, districts (E07)
    (3, "Cambridgeshire", ["Cambridge", "East Cambridgeshire", "Fenland", "Huntingdonshire",
                           "South Cambridgeshire"]),
    (7, "Derbyshire", ["Amber Valley", "Bolsover", "Chesterfield", "Derbyshire Dales", "Erewash",
                       "High Peak", "North East Derbyshire", "South Derbyshire"]),
    (8, "Devon", ["East Devon", "Exeter", "Mid Devon", "North Devon", "South Hams", "Teignbridge",
                  "Torridge", "West Devon"]),
    (11, "East Sussex", ["Eastbourne", "Hastings", "Lewes", "Rother", "Wealden"]),
    (12, "Essex", ["Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford",
                   "Colchester", "Epping Forest", "Harlow", "Maldon", "Rochford", "Tendring",
                   "Uttlesford"]),
    (13, "Gloucestershire", ["Cheltenham", "Cotswold", "Forest of Dean", "Gloucester", "Stroud",
                             "Tewkesbury"]),
    (14, "Hampshire", ["Basingstoke and Deane", "East Hampshire", "Eastleigh", "Fareham",
                       "Gosport", "Hart", "Havant", "New Forest", "Rushmoor", "Test Valley",
                       "Winchester"]),
    (15, "Hertfordshire", ["Broxbourne", "Dacorum", "Hertsmere", "North Hertfordshire",
                           "St Albans", "Stevenage", "Three Rivers", "Watford", "Welwyn Hatfield",
                           "East Hertfordshire"]),
    (16, "Kent", ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone",
                  "Sevenoaks", "Folkestone and Hythe", "Swale", "Thanet", "Tonbridge and Malling",
                  "Tunbridge Wells"]),
    (17, "Lancashire", ["Burnley", "Chorley", "Fylde", "Hyndburn", "Lancaster", "Pendle",
                        "Preston", "Ribble Valley", "Rossendale", "South Ribble", "West Lancashire",
                        "Wyre"]),
    (18, "Leicestershire", ["Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Melton",
                            "North West Leicestershire", "Oadby and Wigston"]),
    (19, "Lincolnshire", ["Boston", "East Lindsey", "Lincoln", "North Kesteven", "South Holland",
                          "South Kesteven", "West Lindsey"]),
    (20, "Norfolk", ["Breckland", "Broadland", "Great Yarmouth", "King's Lynn and West Norfolk",
                     "North Norfolk", "Norwich", "South Norfolk"]),
    (24, "Nottinghamshire", ["Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield",
                             "Newark and Sherwood", "Rushcliffe"]),
    (25, "Oxfordshire", ["Cherwell", "Oxford", "South Oxfordshire", "Vale of White Horse",
                         "West Oxfordshire"]),
    (28, "Staffordshire", ["Cannock Chase", "East Staffordshire", "Lichfield",
                           "Newcastle-under-Lyme", "South Staffordshire", "Stafford",
                           "Staffordshire Moorlands", "Tamworth"]),
    (29, "Suffolk", ["Babergh", "Ipswich", "Mid Suffolk", "East Suffolk", "West Suffolk"]),
    (30, "Surrey", ["Elmbridge", "Epsom and Ewell", "Guildford", "Mole Valley",
                    "Reigate and Banstead", "Runnymede", "Spelthorne", "Surrey Heath", "Tandridge",
                    "Waverley", "Woking"]),
    (31, "Warwickshire", ["North Warwickshire", "Nuneaton and Bedworth", "Rugby",
                          "Stratford-on-Avon", "Warwick"]),
    (32, "West Sussex", ["Adur", "Arun", "Chichester", "Crawley", "Horsham", "Mid Sussex",
                         "Worthing"]),
    (34, "Worcestershire", ["Bromsgrove", "Malvern Hills", "Redditch", "Worcester", "Wychavon",
                            "Wyre Forest"]),
]

TYPE_ENGLAND = "England"
TYPE_REGION = "Regions (statistical)"
TYPE_UTLA = "Counties & UAs (from Apr 2023)"
TYPE_LTLA = "Districts & UAs (from Apr 2023)"
TYPE_MSOA = "Middle Super Output Area (2021)"
TYPE_LSOA = "Lower Super Output Area (2021)"


def build_areas(rng):
    """Return a list of (level, code, name, type, population, deprivation z)."""
    g = rng.gauss

    def lognorm(mean, sd):
        return max(int(mean * math.exp(sd * g(0, 1) - sd * sd / 2)), 500)

    areas = [("E", "E92000001", "England", TYPE_ENGLAND, 56_490_048, 0.0)]
    for i, name in enumerate(REGIONS, 1):
        areas.append(("R", "E120%05d" % i, name, TYPE_REGION, lognorm(6_200_000, 0.3), g(0, 0.5)))

    las = []  # (code, name, pop, dep) of unitary / met / London authorities
    for n, name in UNITARY:
        pop = 2_200 if name == "Isles of Scilly" else lognorm(260_000, 0.45)
        las.append(("E060%05d" % n, name, pop, g(0, 1)))
    for n, name in enumerate(METROPOLITAN, 1):
        if name:
            las.append(("E080%05d" % n, name, lognorm(300_000, 0.4), g(0.4, 1)))
    for n, name in enumerate(LONDON, 1):
        pop = 8_600 if name == "City of London" else lognorm(270_000, 0.25)
        las.append(("E090%05d" % n, name, pop, g(0.1, 1)))

    districts = []
    counties = []
    dcode = 1
    for n, cname, dnames in COUNTIES:
        cdep = g(-0.3, 0.7)
        cpop = 0
        for dname in dnames:
            pop = lognorm(125_000, 0.35)
            cpop += pop
            districts.append(("E070%05d" % dcode, dname, pop, cdep + g(0, 0.6)))
            dcode += 1
        counties.append(("E100%05d" % n, cname, cpop, cdep))

    for code, name, pop, dep in las + counties:
        areas.append(("U", code, name, TYPE_UTLA, pop, dep))
    ltlas = las + districts
    for code, name, pop, dep in ltlas:
        areas.append(("L", code, name, TYPE_LTLA, pop, dep))

    # Small areas, named after their district as ONS does: "Leeds 001", "Leeds 001A".
    msoas = []
    lsoas = []
    mcode = lcode = 1
    for _, laname, lapop, ladep in ltlas:
        short = laname.split(",")[0] if laname.endswith(" of") else laname
        k = max(1, int(lapop / 7_600 + 0.5))
        for m in range(1, k + 1):
            mdep = ladep + g(0, 0.8)
            mname = "%s %03d" % (short, m)
            msoas.append(("M", "E020%05d" % mcode, mname, TYPE_MSOA, lognorm(7_600, 0.2), mdep))
            mcode += 1
            for s in range(5):
                lsoas.append(("S", "E010%05d" % lcode, mname + "ABCDE"[s], TYPE_LSOA,
                              lognorm(1_600, 0.15), mdep + g(0, 0.6)))
                lcode += 1
    return areas + msoas + lsoas


def generate(rows, out, seed):
    rng = random.Random(seed)
    areas = build_areas(rng)
    rand = rng.random
    bits = rng.getrandbits
    normal = [rng.gauss(0.0, 1.0) for _ in range(4096)]
    sqrt = math.sqrt

    # Per-indicator precomputation.
    inds = []
    for (iid, name, domain, kind, dp, style, combos, levels, base, area_sd, trend, noise, dep,
         m_shift, f_shift, mult) in INDICATORS:
        head = "%d,%s,%s," % (iid, q(name), q(domain))
        f = "%%.%df" % dp
        if kind == "score":
            tail = "%s," + f + ",,,,,%s\n"
        else:
            tail = "%s," + f + "," + f + "," + f + ",%d,%d,%s\n"
        combo_list = [(q(sx) + "," + q(age) + ",", sx, share) for sx, age, share in COMBOS[combos]]
        shifts = {"Persons": 0.0, "Male": m_shift, "Female": f_shift}
        inds.append((head, tail, kind, style, combo_list, set(levels), base, area_sd, trend,
                     noise, dep, shifts, mult or 1e5, LATEST[style], PERIODS[style],
                     math.sqrt(max(0.0, 1 - dep * dep))))

    tmp = out + ".tmp"
    written = 0
    nbytes = 0
    batch = []
    append = batch.append
    f = open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 22)
    try:
        f.write(HEADER)
        nbytes += len(HEADER)
        while written < rows:  # one pass over the universe; repeats only for huge --rows
            for level, code, aname, atype, apop, adep in areas:
                area_part = "%s,%s,%s," % (code, q(aname), q(atype))
                for (head, tail, kind, style, combo_list, levels, base, area_sd, trend, noise,
                     dep, shifts, mult, latest, labels, indep) in inds:
                    if level not in levels:
                        continue
                    for combo_part, sx, share in combo_list:
                        if written >= rows:
                            break
                        prefix = head + area_part + combo_part
                        fmt = prefix.replace("%", "%%") + tail
                        n = 8 + bits(3)  # 8..15 periods
                        r = rand()
                        end = latest if r < 0.8 else latest - 1 - (r > 0.93)
                        start = end - n + 1
                        if written + n > rows:
                            n = rows - written
                        mu = (base + shifts[sx]
                              + area_sd * (dep * adep + indep * normal[bits(12)]))
                        pop = apop * share
                        for y in range(start, start + n):
                            t = mu + trend * (y - 2015) + noise * normal[bits(12)]
                            d = int(pop * (1.0 + 0.004 * (y - 2015))) + 3
                            u = rand()
                            if kind == "score":
                                if u < 0.04:
                                    v = "*" if u < 0.01 else ""
                                    append(prefix + labels[y] + "," + v + ",,,,,"
                                           + (SUPPRESSED_NOTE if u < 0.01
                                              else MISSING_NOTES_Q[bits(2)]) + "\n")
                                    continue
                                v = 0.001 if t < 0.001 else (0.95 if t > 0.95 else t)
                                append(fmt % (labels[y], v,
                                              NOTES_Q[bits(3)] if u < 0.10 else ""))
                                continue
                            if u < 0.01:  # suppressed: value "*", CI and count empty
                                append(prefix + labels[y] + ",*,,,,%d,%s\n" % (d, SUPPRESSED_NOTE))
                                continue
                            if u < 0.04:  # missing value
                                append(prefix + labels[y] + ",,,,,%d,%s\n"
                                       % (d, MISSING_NOTES_Q[bits(2)]))
                                continue
                            if kind == "pct":
                                p = 0.0005 if t < 0.05 else (0.995 if t > 99.5 else t / 100.0)
                                c = int(p * d + 0.5)
                                pf = c / d
                                v = 100.0 * pf
                                hw = 196.0 * sqrt(pf * (1.0 - pf) / d) + 50.0 / d
                                lo = v - hw
                                hi = v + hw
                                if lo < 0.0:
                                    lo = 0.0
                                if hi > 100.0:
                                    hi = 100.0
                            elif kind == "rate":
                                if t < 0.05 * base:
                                    t = 0.05 * base
                                c = int(t * d / mult + 0.5)
                                v = mult * c / d
                                hw = 1.96 * mult * sqrt(c + 1) / d
                                lo = v - hw
                                if lo < 0.0:
                                    lo = 0.0
                                hi = v + hw
                            elif kind == "ratio":
                                if t < 5.0:
                                    t = 5.0
                                d = int(d * 0.11) + 1  # expected events
                                c = int(t * d / 100.0 + 0.5)
                                v = 100.0 * c / d
                                hw = 196.0 * sqrt(c + 1) / d
                                lo = v - hw
                                if lo < 0.0:
                                    lo = 0.0
                                hi = v + hw
                            else:  # years (life expectancy); count = deaths
                                v = t
                                c = int(d * 0.0095) + 1
                                hw = 0.08 + 22.0 / sqrt(c)
                                lo = v - hw
                                hi = v + hw
                            append(fmt % (labels[y], v, lo, hi, c, d,
                                          NOTES_Q[bits(3)] if u < 0.10 else ""))
                        written += n
                        if len(batch) >= BATCH_ROWS:
                            s = "".join(batch)
                            nbytes += len(s.encode("utf-8")) if not s.isascii() else len(s)
                            f.write(s)
                            batch.clear()
                    if written >= rows:
                        break
                if written >= rows:
                    break
        if batch:
            s = "".join(batch)
            nbytes += len(s.encode("utf-8")) if not s.isascii() else len(s)
            f.write(s)
            batch.clear()
    except BaseException:
        f.close()
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    f.close()
    os.replace(tmp, out)
    return written, nbytes


def parse_rows(text):
    t = text.strip().upper().replace("_", "")
    mult = 1
    if t.endswith("K"):
        mult, t = 1_000, t[:-1]
    elif t.endswith("M"):
        mult, t = 1_000_000, t[:-1]
    value = float(t) * mult
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError("--rows must be a positive integer (e.g. 1000000 or 1M)")
    return int(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=parse_rows, required=True,
                    help="number of data rows (header not counted); accepts 1M, 500K")
    ap.add_argument("--out", required=True, help="output CSV path")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help="random seed (default %(default)s)")
    args = ap.parse_args(argv)

    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    t0 = time.perf_counter()
    rows, nbytes = generate(args.rows, args.out, args.seed)
    dt = time.perf_counter() - t0
    print("wrote %d rows to %s in %.1f s" % (rows, args.out, dt), file=sys.stderr)
    print("rows=%d bytes=%d bytes_per_row=%.1f" % (rows, nbytes, nbytes / rows))


if __name__ == "__main__":
    main()
