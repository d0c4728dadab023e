"""The event coder on constructions news uses (hand-written sentences, fictional people)."""

from __future__ import annotations

import pytest


def dyads(extraction):
    return {(e.event, e.actor.country if e.actor else None,
             e.recipient.country if e.recipient else None) for e in extraction.events}


def test_active_voice_with_date(extract_text):
    ex = extract_text("Kenya's foreign minister met her Ethiopian counterpart in Nairobi on "
                      "Tuesday.")
    [event] = [e for e in ex.events if e.event == "CONSULT"]
    assert (event.actor.country, event.recipient.country) == ("KEN", "ETH")
    assert (event.date, event.date_source, event.date_precision) == ("2024-03-05", "text", "day")
    assert event.cameo.actor_code == "KENGOV" and event.cameo.quad_class == 1


def test_passive_voice_takes_the_agent(extract_text):
    ex = extract_text("Two Nigerian soldiers were killed by Boko Haram militants on Monday.")
    assert ("ASSAULT", "NGA", "NGA") in dyads(ex)


def test_coordinated_subjects_give_the_dyad(extract_text):
    ex = extract_text("Peru and Chile signed a fisheries agreement on Wednesday.")
    assert ("SUPPORT", "PER", "CHL") in dyads(ex)


def test_apposition_and_participle_clause(extract_text):
    ex = extract_text("The head of Japanese diplomacy, Kenji Mori, spoke by telephone on "
                      "Friday with South Korea's Foreign Minister Park Min-ji, "
                      "congratulating her on the agreement.")
    found = dyads(ex)
    assert ("CONSULT", "JPN", "KOR") in found and ("SUPPORT", "JPN", "KOR") in found
    consult = next(e for e in ex.events if e.event == "CONSULT")
    assert consult.mode == "phone" and consult.date == "2024-03-08"


def test_negated_event_is_dropped_and_hypothetical_too(extract_text):
    assert not extract_text("India did not attack Pakistan on Sunday.").events
    assert not extract_text("Egypt could impose sanctions on Israel.").events


def test_future_cooperation_is_agree_and_future_harm_is_threaten(extract_text):
    assert ("AGREE", "BRA", "ARG") in dyads(extract_text(
        "Brazil will send food aid to Argentina next week."))
    assert ("THREATEN", "PRK", "KOR") in dyads(extract_text(
        "North Korea vowed to attack South Korea."))


def test_reported_speech_codes_the_reported_event(extract_text):
    ex = extract_text("Ukrainian officials said Russian troops shelled Kharkiv on Monday.")
    assert ("ASSAULT", "RUS", "UKR") in dyads(ex)


def test_condemning_an_event_targets_its_author(extract_text):
    ex = extract_text("Russian missiles struck Kharkiv on Tuesday. Ukraine's foreign minister "
                      "condemned the strike.")
    assert ("ACCUSE", "UKR", "RUS") in dyads(ex)


def test_request_covers_its_content(extract_text):
    ex = extract_text("The United Nations urged Iran to release the detained journalists.")
    assert dyads(ex) == {("REQUEST", "UNO", "IRN")}


def test_later_mentions_resolve_to_the_first(extract_text):
    ex = extract_text("Colombian President Ana Ruiz met Venezuelan leaders on Monday. "
                      "On Tuesday, Ruiz accused Venezuela of harbouring rebels.")
    assert ("ACCUSE", "COL", "VEN") in dyads(ex)


def test_repeated_description_merges_into_one_event(extract_text):
    ex = extract_text("Chile's president met Peru's president on Monday. The Chilean leader "
                      "met the Peruvian president again later, officials said.")
    consults = [e for e in ex.events if e.event == "CONSULT"]
    assert len(consults) == 1 and len(consults[0].mentions) == 2


def test_unnamed_groups_take_the_story_country(extract_text):
    ex = extract_text("Police in Lagos arrested 35 protesters on Friday.")
    assert ("COERCE", "NGA", "NGA") in dyads(ex)


def test_finite_conjoined_verb_keeps_its_own_mood(extract_text):
    ex = extract_text("Venezuelan opposition leader Ana Perez said the opposition would "
                      "collect aid in Colombia and called on the military to let it in.")
    assert any(e.event == "REQUEST" and e.recipient and e.recipient.sector == "MIL"
               for e in ex.events)


def test_light_verb_takes_its_event_from_the_noun(extract_text):
    ex = extract_text("The Philippine army launched an offensive against communist rebels.")
    assert ("ASSAULT", "PHL", "PHL") in dyads(ex)
    assert ("PROTEST", "KEN", "KEN") in dyads(extract_text(
        "Nurses in Kenya went on strike on Monday."))


def test_measuring_nouns_are_looked_through(extract_text):
    ex = extract_text("Norway and Sweden began a new round of joint naval exercises.")
    assert ("COOPERATE", "NOR", "SWE") in dyads(ex)
    assert ("AID", "JPN", "NPL") in dyads(extract_text("Japan gave $5 million to Nepal."))


def test_event_nouns_that_name_their_author(extract_text):
    assert ("ASSAULT", "MLI", "BFA") in dyads(extract_text(
        "An attack by Malian rebels on Burkinabe soldiers killed six people."))
    assert ("CONSULT", "PER", "BOL") in dyads(extract_text(
        "The talks between Peru and Bolivia ended on Friday."))
    assert ("CONSULT", "GHA", "TGO") in dyads(extract_text("Ghana's visit to Togo was a success."))
    # Asked for or wanted, the talks have not happened.
    assert not any(e.event == "CONSULT" for e in extract_text(
        "Brazil called for talks between Peru and Bolivia.").events)


def test_refusing_future_cooperation_is_reject(extract_text):
    ex = extract_text("Hungary will not lift the ban on Ukrainian grain.")
    assert [(e.event, e.actor.country) for e in ex.events] == [("REJECT", "HUN")]
    assert ("REJECT", "SRB", "KOS") in dyads(extract_text(
        "Serbia and Kosovo failed to reach an agreement on Tuesday."))
    assert not extract_text("Hungary did not lift the ban on Ukrainian grain.").events


def test_returning_property_is_retreat(extract_text):
    assert ("RETREAT", "FRA", "EGY") in dyads(extract_text(
        "France returned a stolen statue to Egypt."))


def test_reported_would_is_future_unless_conditional(extract_text):
    ex = extract_text("Gabon said it would restore ties with Chad.")
    assert [(e.event, e.actor.country, e.recipient.country) for e in ex.events] == [
        ("AGREE", "GAB", "TCD")]
    assert not extract_text("Gabon said it would restore ties with Chad if Chad apologised."
                            ).events


def test_readiness_is_an_intention(extract_text):
    assert ("AGREE", "KEN", "TZA") in dyads(extract_text("Kenya is ready to talk to Tanzania."))


def test_reported_obligation_is_a_demand(extract_text):
    ex = extract_text("Chile's president said Bolivia must reopen the border.")
    assert [(e.event, e.cameo.code, e.actor.country, e.recipient.country)
            for e in ex.events] == [("REQUEST", "100", "CHL", "BOL")]
    # A speaker's own duty is no demand on anyone.
    assert not extract_text("Chile's president said we must stay calm.").events


def test_protesters_blocking_roads_protest(extract_text):
    [event] = extract_text("Dockworkers in Chile blocked roads in Valparaiso.").events
    assert (event.event, event.cameo.code, event.actor.country) == ("PROTEST", "144", "CHL")


def test_violence_by_non_state_groups_is_cameo_assault(extract_text):
    ex = extract_text("Rebels in Chad attacked Chadian soldiers on Sunday.")
    assert [e.cameo.root for e in ex.events if e.event == "ASSAULT"] == ["18"]
    ex = extract_text("Chad's army attacked the rebels on Sunday.")
    assert [e.cameo.root for e in ex.events if e.event == "ASSAULT"] == ["19"]


def test_a_statement_speaks_for_its_author(extract_text):
    ex = extract_text("Ghana's foreign ministry issued a statement urging Togo to free the "
                      "journalists.")
    assert ("REQUEST", "GHA", "TGO") in dyads(ex)


def test_commitments_and_work_towards_are_intentions(extract_text):
    assert ("AGREE", "GHA", "MLI") in dyads(extract_text(
        "Ghana said its troops remain committed to supporting the government of Mali."))
    assert ("THREATEN", "KEN", "SOM") in dyads(extract_text(
        "Kenya said it was working to prepare sanctions against Somalia."))


def test_denouncing_an_election_targets_the_government(extract_text):
    [event] = extract_text("The Malian opposition denounced the vote as fraudulent.").events
    assert (event.event, event.recipient.country, event.recipient.sector) == (
        "ACCUSE", "MLI", "GOV")


def test_a_possessed_thing_stands_for_its_owner(extract_text):
    assert ("REJECT", "TGO", "GHA") in dyads(extract_text(
        "Togo's army chief rejected Ghana's authority."))


def test_unnamed_authorities_are_those_of_the_place(extract_text):
    ex = extract_text("Two Chadian smugglers were charged in Lagos on Monday.")
    assert ("ACCUSE", "NGA", "TCD") in dyads(ex)


def test_circumstances_are_not_recipients(extract_text):
    ex = extract_text("Kenya pledged during a visit to Uganda to support Somalia.")
    assert not any(e.recipient and e.recipient.country == "UGA" for e in ex.events
                   if e.event == "AGREE")


def test_repression_targets_compatriots_unless_named(extract_text):
    ex = extract_text("Syria's president launched a crackdown on protesters. Washington and "
                      "Paris and London and Berlin condemned it.")
    assert ("COERCE", "SYR", "SYR") in dyads(ex)
    assert ("COERCE", "ETH", "KEN") in dyads(extract_text(
        "Ethiopia's police arrested Kenyan protesters."))


def test_arabic_surnames_without_their_article(extract_text):
    ex = extract_text("Syrian President Bashar al-Assad spoke on Monday. Iran praised Assad.")
    assert ("SUPPORT", "IRN", "SYR") in dyads(ex)


def test_missiles_fired_at_a_target_are_an_attack_toward_it_a_show_of_force(extract_text):
    assert ("ASSAULT", "IRQ", "SYR") in dyads(extract_text("Iraq fired rockets into Syria."))
    # A dating "on Sunday" is not the "on" of a target; territory stands for its state.
    assert dyads(extract_text("Iran fired a barrage of missiles toward Iraqi territory on "
                              "Sunday.")) == {("MOBILIZE", "IRN", "IRQ")}
    assert dyads(extract_text("North Korea fired two missiles on Sunday.")) == {
        ("MOBILIZE", "PRK", None)}


def test_calling_off_a_strike_concedes(extract_text):
    [event] = extract_text("Dockworkers in Chile called off the strike on Monday.").events
    assert (event.event, event.cameo.code) == ("CONCEDE", "082")


def test_its_names_the_nearest_state_before_it(extract_text):
    ex = extract_text("The council is working on sanctions against Iran after its latest "
                      "missile test.")
    assert ("MOBILIZE", "IRN", None) in dyads(ex)


def test_a_main_verb_misparsed_under_its_subject(extract_text):
    ex = extract_text("On Sunday, the Ghana Teachers Alliance, a national union, called for "
                      "nationwide strikes.")
    assert [(e.event, e.actor.country) for e in ex.events] == [("REQUEST", "GHA")]


def test_readiness_to_counter_forces_is_a_threat(extract_text):
    assert dyads(extract_text("Iran's army said it was prepared to counter Israeli forces.")
                 ) == {("THREATEN", "IRN", "ISR")}
    assert not extract_text("Iraq countered the claim.").events


def test_a_vague_group_stands_for_the_members_it_names(extract_text):
    ex = extract_text("Iran's president chastised the West, particularly Britain and the "
                      "United States, for their policies.")
    assert {("ACCUSE", "IRN", "GBR"), ("ACCUSE", "IRN", "USA")} <= dyads(ex)
    assert ("COERCE", "NGA", "GHA") in dyads(extract_text(
        "Nigerian police arrested seven men, including two Ghanaian traders."))


def test_a_demonym_on_man_or_woman_gives_a_civilian_of_that_country(extract_text):
    ex = extract_text("In Toronto, a Peruvian woman was charged with fraud on Monday.")
    assert ("ACCUSE", "CAN", "PER") in dyads(ex)
    ex = extract_text("A Peruvian woman and a Bolivian man were charged with fraud.")
    charged = {(e.recipient.country, e.recipient.sector) for e in ex.events
               if e.event == "ACCUSE"}
    assert charged == {("PER", "CVL"), ("BOL", "CVL")}


def test_a_member_within_a_named_body_takes_its_country(extract_text):
    ex = extract_text("In Madrid, a commander within Algeria's army was arrested on Friday.")
    assert ("COERCE", "ESP", "DZA") in dyads(ex)


def test_two_actors_of_one_country_making_the_same_demand_are_two_events(extract_text):
    ex = extract_text("Bolivia's army chief called on soldiers to stay in their barracks. "
                      "The Bolivian opposition called on the army to protect the protesters.")
    requests = [e for e in ex.events if e.event == "REQUEST"]
    assert len(requests) == 2
    assert {e.actor.sector for e in requests} == {"MIL", "OPP"}


def test_a_reported_condemning_judgement_accuses_the_author(extract_text):
    ex = extract_text("Pakistan test-fired a ballistic missile on Sunday. India said the "
                      "launch was a dangerous provocation.")
    assert ("ACCUSE", "IND", "PAK") in dyads(ex)
    ex = extract_text("Chile said Argentina's decision was illegal.")
    assert ("ACCUSE", "CHL", "ARG") in dyads(ex)
    # A negated judgement and a neutral one are no accusation.
    assert not [e for e in extract_text("Chile said Argentina's decision was not illegal.").events
                if e.event == "ACCUSE"]
    assert not [e for e in extract_text("Chile said Argentina's decision was a surprise.").events
                if e.event == "ACCUSE"]


def test_labelling_something_condemningly_accuses(extract_text):
    ex = extract_text("The European Union issued a statement describing the elections in "
                      "Belarus as rigged.")
    assert ("ACCUSE", "EUR", "BLR") in dyads(ex)
    ex = extract_text("Spain described Morocco's move as a serious breach of trust.")
    assert ("ACCUSE", "ESP", "MAR") in dyads(ex)
    ex = extract_text("Spain described the Moroccan decision as illegal.")
    assert ("ACCUSE", "ESP", "MAR") in dyads(ex)
    assert not extract_text("Spain described the Moroccan decision as a surprise.").events


def test_welcoming_the_news_reacts_to_the_last_deed_reported(extract_text):
    ex = extract_text("Egyptian President Amr Nabil freed three Sudanese journalists on "
                      "Monday. The Sudanese government welcomed the news.")
    assert ("SUPPORT", "SDN", "EGY") in dyads(ex)
    # With no earlier deed by another party, "the news" has no author to react to.
    assert not extract_text("The Sudanese government welcomed the news.").events


def test_a_state_acting_on_unnamed_groups_acts_abroad_in_a_two_country_story(extract_text):
    text = ("Canada imposed sanctions on Venezuela on Monday. Canadian officials said "
            "Venezuela's government had jailed critics. The Canadian government has "
            "sanctioned 12 companies and four people.")
    sanctions = {d for d in dyads(extract_text(text)) if d[0] == "SANCTION"}
    assert sanctions == {("SANCTION", "CAN", "VEN")}  # not Canada's own companies and people
    # In a story about one country, its state's acts on unnamed groups stay at home.
    ex = extract_text("Canada's government has praised protesters in a week of Canadian "
                      "rallies, Canadian officials said.")
    assert {e.recipient.country for e in ex.events if e.recipient} <= {"CAN"}


def test_pressing_for_someone_to_act_makes_them_the_recipient(extract_text):
    ex = extract_text("Meeting Bolivian President Luis Arce on Monday, Peru's foreign "
                      "minister pressed for his government to hold elections.")
    assert ("REQUEST", "PER", "BOL") in dyads(ex)


def test_an_amnesty_with_no_one_named_frees_the_states_own_people(extract_text):
    ex = extract_text("Guinean President Alpha Bah announced an amnesty on Monday.")
    [event] = [e for e in ex.events if e.event == "CONCEDE"]
    assert (event.actor.country, event.recipient.country, event.recipient.sector) == \
        ("GIN", "GIN", "CVL")


def test_joining_others_in_an_act_makes_the_joiners_its_actors(extract_text):
    ex = extract_text("Thousands of Kenyan students joined teachers in marching through "
                      "Nairobi on Monday.")
    [event] = [e for e in ex.events if e.event == "PROTEST"]
    assert (event.actor.country, event.actor.sector) == ("KEN", "EDU")


def test_those_joined_in_an_act_do_it_too(extract_text):
    ex = extract_text("Thousands of Chilean students have joined striking copper miners in "
                      "marching through Santiago.")
    marchers = {(e.actor.country, e.actor.sector) for e in ex.events if e.event == "PROTEST"}
    assert marchers == {("CHL", "EDU"), ("CHL", "LAB")}
    # The passive: "A were joined by B, marching" — both march.
    ex = extract_text("Hundreds of Tibetan monks have been joined by thousands of students, "
                      "marching in Lhasa for a third day.")
    marchers = {(e.actor.country, e.actor.sector) for e in ex.events if e.event == "PROTEST"}
    assert marchers == {("CHN", "REL"), ("CHN", "EDU")}
    # Joining someone for a meal is no shared protest.
    assert not extract_text("Chilean students joined the miners for lunch in Santiago.").events


def test_days_counted_back_resolve_against_the_reported_day():
    from tidings.extract.dates import resolve_date

    assert resolve_date("A day earlier", "2024-03-08") == ("2024-03-07", "day")
    assert resolve_date("the day before", "2024-03-08") == ("2024-03-07", "day")
    assert resolve_date("three days earlier", "2024-03-08") == ("2024-03-05", "day")
    assert resolve_date("a day earlier", None) == (None, None)


def test_a_sentence_opening_it_is_the_previous_sentences_organisation(extract_text):
    ex = extract_text("The Kenya Teachers Union called for a national strike on Friday. A day "
                      "earlier, it had urged Kenyan citizens to stay at home.")
    [request] = [e for e in ex.events if e.event == "REQUEST" and e.recipient]
    assert (request.actor.country, request.recipient.country) == ("KEN", "KEN")
    assert request.date == "2024-03-07"
    # A person's sentence does not lend its subject to "it".
    ex = extract_text("Kenyan President Amos Otieno spoke on Friday. It urged Kenyan parents "
                      "to stay calm.")
    assert not [e for e in ex.events if e.event == "REQUEST"]


def test_protesters_pouring_into_a_place_protest(extract_text):
    ex = extract_text("Thousands of Peruvian protesters poured into the center of Lima on "
                      "Monday.")
    [event] = [e for e in ex.events if e.event == "PROTEST"]
    assert (event.actor.country, event.recipient.country, event.recipient.sector) == \
        ("PER", "PER", "GOV")
    # Refugees streaming into a country are no protest.
    assert not [e for e in extract_text("Thousands of Sudanese refugees poured into Chad on "
                                        "Monday.").events if e.event == "PROTEST"]


def test_crowd_control_weapons_make_any_verb_violent_repression(extract_text):
    ex = extract_text("Kenyan riot police drove the demonstrators back with volleys of tear "
                      "gas on Monday.")
    [event] = ex.events
    assert (event.event, event.cameo.code) == ("ASSAULT", "175")
    assert (event.actor.sector, event.recipient.sector) == ("COP", "CVL")
    assert ("ASSAULT", "KEN", "KEN") in dyads(extract_text(
        "Kenyan police fired tear gas at protesters in Nairobi."))
    assert ("ASSAULT", "KEN", "KEN") in dyads(extract_text(
        "Kenyan police used water cannon against protesters in Nairobi."))
    # "at" hung on the weapon rather than the verb.
    assert ("ASSAULT", "BRA", "BRA") in dyads(extract_text(
        "Brazilian military police fired pepper spray at protesters near Congress."))
    assert ("ASSAULT", "KEN", "KEN") in dyads(extract_text(
        "Kenyan police lobbed tear gas canisters into the crowd in Nairobi."))
    # Without a weapon a dispersal stays repression short of violence.
    [event] = extract_text("Kenyan police dispersed the demonstrators in Nairobi.").events
    assert event.event == "COERCE"
    # Tear gas with no one acted on is no event.
    assert not extract_text("Kenyan police waited with tear gas near the stadium.").events


def test_a_frame_may_require_either_of_two_prepositions(extract_text):
    assert ("ASSAULT", "NGA", "NGA") in dyads(extract_text(
        "Nigerian soldiers fired on the crowd in Lagos."))
    assert ("ASSAULT", "NGA", "NGA") in dyads(extract_text(
        "Nigerian soldiers fired at villagers near Lagos."))


def test_going_to_an_event_takes_part_in_it(extract_text):
    ex = extract_text("The Nigerian president went directly to a meeting with the striking "
                      "oil workers.")
    [event] = ex.events
    assert (event.event, event.actor.country, event.recipient.sector) == \
        ("CONSULT", "NGA", "LAB")
    assert ("CONSULT", "COL", "COL") in dyads(extract_text(
        "Colombian rebels returned to talks with the government on Monday."))
    # Going to a place is no meeting.
    assert not extract_text("The Nigerian president went to Abuja on Monday.").events


def test_regional_leaders_act_as_a_regional_body(extract_text):
    ex = extract_text("African heads of state met in Addis Ababa on Sunday.")
    [event] = ex.events
    assert (event.event, event.actor.country, event.actor.sector, event.recipient) == \
        ("CONSULT", "IGO", "GOV", None)
    assert event.mode == "multilateral"
    ex = extract_text("European leaders condemned Russia's annexation of Crimea.")
    assert ("ACCUSE", "EUR", "RUS") in dyads(ex)
    # One state of the region stays that state; and a group of people is no body of states.
    ex = extract_text("Russia imposed sanctions on the small Baltic country on Friday.")
    assert all(e.recipient is None or e.recipient.country != "IGO" for e in ex.events)
    ex = extract_text("African migrants protested in Rome on Friday.")
    assert all(e.actor.country != "IGO" for e in ex.events)


def test_a_body_of_states_meets_without_a_partner_named(extract_text):
    assert ("CONSULT", "IGO", None) in dyads(extract_text(
        "Arab foreign ministers met in Cairo on Sunday."))
    assert ("CONSULT", "IGO", None) in dyads(extract_text(
        "The vote came on the second day of a NATO defence ministers meeting in Oslo."))
    assert ("CONSULT", "IGO", None) in dyads(extract_text(
        "Caribbean leaders wrapped up their annual summit in Barbados on Friday."))
    # A state meeting no one named is no event; nor is a person of a body speaking.
    assert not extract_text("Kenyan ministers met in Nairobi on Sunday.").events
    assert not extract_text("Speaking in Geneva, NATO spokesman Tomas Berg said nothing "
                            "new.").events


def test_a_definite_plural_repeats_the_group_named_before(extract_text):
    ex = extract_text("Ethiopian soldiers crossed into Somalia on Monday. Somali officials "
                      "said the soldiers shelled Baidoa on Tuesday.")
    assert ("ASSAULT", "ETH", "SOM") in dyads(ex)
    ex = extract_text("Nordic foreign ministers gathered in Oslo on Monday. The ministers "
                      "condemned Russia's attack on Ukraine.")
    assert ("ACCUSE", "IGO", "RUS") in dyads(ex)


def test_they_opening_a_sentence_is_the_previous_plural_group(extract_text):
    ex = extract_text("Nordic leaders gathered in Oslo on Monday. They signed a new defence "
                      "agreement with Ukraine.")
    assert ("SUPPORT", "IGO", "UKR") in dyads(ex)
    # A passive "they" is as likely to be the earlier object: no guess.
    ex = extract_text("Kenyan police detained the Ugandan traders. They were questioned.")
    assert not [e for e in ex.events if e.actor.country == "KEN" and e.recipient
                and e.recipient.country == "KEN"]


def test_an_event_noun_deep_inside_a_request_is_wished_for(extract_text):
    ex = extract_text("The leaders of Chile and Peru called for a resumption of the stalled "
                      "second round of NATO talks.")
    assert not [e for e in ex.events if e.event == "CONSULT"]


def test_a_dateline_read_as_subject_gives_way_to_its_apposition(extract_text):
    for text in ("WASHINGTON, DC - The U.S. Agency for Rural Health (USARH) announced that "
                 "it is sending food aid to Haiti.",
                 "LONDON, UK - The British Agency for Overseas Relief (BAOR) said that it is "
                 "sending food aid to Haiti."):
        [event] = [e for e in extract_text(text).events if e.event == "AID"]
        assert event.recipient.country == "HTI"
        assert event.actor.entity_text.startswith("The ") and "Agency" in \
            event.actor.entity_text


def test_aid_goes_to_the_people_it_is_for_not_the_agency(extract_text):
    ex = extract_text("Japan gave $5 million to UNICEF for Syrian refugees in Jordan.")
    [event] = [e for e in ex.events if e.event == "AID"]
    assert (event.recipient.country, event.recipient.sector) == ("SYR", "REF")
    ex = extract_text("Norway is contributing 3,000 tons of food aid to the World Food "
                      "Program for displaced populations in Darfur in western Sudan.")
    [event] = [e for e in ex.events if e.event == "AID"]
    assert (event.actor.country, event.recipient.country) == ("NOR", "SDN")
    # Aid "for" a purpose, not for people, leaves the recipient named with "to".
    ex = extract_text("Japan sent aid to Turkey for its hospitals.")
    assert ("AID", "JPN", "TUR") in dyads(ex)


def test_a_refusal_named_by_its_author_is_a_rejection(extract_text):
    ex = extract_text("Britain expelled two diplomats after the refusal by Moscow to send "
                      "the suspect to London for trial.")
    assert ("REJECT", "RUS", "GBR") in dyads(ex)
    # A refusal with no one it is owed to is not coded; a wished-for one is no event.
    ex = extract_text("Iran's refusal to comment surprised observers.")
    assert not [e for e in ex.events if e.event == "REJECT"]
    ex = extract_text("Britain called for Russia's refusal to extradite the suspect to "
                      "London to end.")
    assert not [e for e in ex.events if e.event == "REJECT"]


def test_engaging_someone_in_a_fight_assaults_them(extract_text):
    ex = extract_text("Nigerian troops engaged the gunmen in a fierce gunfight near "
                      "Maiduguri.")
    [event] = ex.events
    assert (event.event, event.actor.country, event.recipient.country) == \
        ("ASSAULT", "NGA", "NGA")
    assert event.recipient.sector == "UAF"
    ex = extract_text("Colombian rebels engaged in talks with the government.")
    assert ("CONSULT", "COL", "COL") in dyads(ex)
    # Engaging people in a conversation is no fight.
    ex = extract_text("Nigerian troops engaged the villagers in a long conversation.")
    assert not [e for e in ex.events if e.event == "ASSAULT"]


def test_banning_a_protest_represses_its_participants(extract_text):
    ex = extract_text("The Nigerian government banned all rallies in Lagos.")
    [event] = ex.events
    assert (event.event, event.recipient.country, event.recipient.sector) == \
        ("COERCE", "NGA", "CVL")
    ex = extract_text("Nigerian officials said rallies in Lagos had been outlawed.")
    assert ("COERCE", "NGA", "NGA") in dyads(ex)
    # A ban on a thing that is no protest names no one repressed.
    [event] = extract_text("The Nigerian government banned plastic bags in Lagos.").events
    assert event.recipient is None


def test_an_agentless_release_is_the_holding_states(extract_text):
    ex = extract_text("Hundreds of Nigerian political prisoners have been released.")
    [event] = ex.events
    assert (event.event, event.actor.country, event.actor.sector) == ("RETREAT", "NGA", "GOV")
    # A state announcing that foreigners will be freed frees them itself.
    ex = extract_text("The Egyptian president announced that the Sudanese fishermen would be "
                      "freed.")
    assert ("AGREE", "EGY", "SDN") in dyads(ex)
    ex = extract_text("The Egyptian president said the Sudanese fishermen were pardoned.")
    assert ("CONCEDE", "EGY", "SDN") in dyads(ex)
    # Hostages are released by their captors, not by a state.
    assert not extract_text("Two Nigerian hostages were released on Friday.").events
    # Background in a relative clause names no holder to guess: here it was Chad.
    ex = extract_text("Chad freed 12 Nigerian fishermen on Friday who had been detained for "
                      "months.")
    assert [(e.event, e.actor.country) for e in ex.events] == [("RETREAT", "TCD")]


def test_who_opening_a_relative_clause_is_the_noun_it_describes(extract_text):
    ex = extract_text("Kenyan police arrested the Ugandan traders, who had attacked Kenyan "
                      "border guards.")
    assert ("ASSAULT", "UGA", "KEN") in dyads(ex)
    # "that" after a thing is no actor: "a stampede that killed 20 people".
    ex = extract_text("A crowd surge that killed 20 people in Nairobi shocked Kenya.")
    assert not [e for e in ex.events if e.event == "ASSAULT"]


def test_bare_parties_are_political_parties_of_the_story(extract_text):
    ex = extract_text("Nigerian President Bola Adeyemi urged the parties to accept the "
                      "election results.")
    assert ("REQUEST", "NGA", "NGA") in dyads(ex)


@pytest.mark.parametrize(("sentence", "main", "background", "dyad"), [
    # a relative clause tells background less surely than the main clause
    ("Kenya's government condemned a protest by Ugandan traders who attacked Kenyan police "
     "officers and burnt a police car on Tuesday.", "ACCUSE", "ASSAULT", ("UGA", "KEN")),
    # an event named by a noun ranks below a told one
    ("Ugandan students marched in Kampala on Monday in protest of the government's refusal "
     "to hold talks with Kenya.", "PROTEST", "REJECT", ("UGA", "KEN")),
])
def test_background_events_rank_below_the_main_one(extract_text, sentence, main, background,
                                                   dyad):
    ex = extract_text(sentence)
    told = next(e for e in ex.events if e.event == main)
    behind = next(e for e in ex.events if e.event == background)
    assert (behind.actor.country, behind.recipient.country) == dyad
    assert behind.confidence < told.confidence


def test_a_body_of_states_may_promise_among_its_members(extract_text):
    ex = extract_text("Trade was another topic for the Caribbean leaders, who pledged to "
                      "accelerate work toward a regional free-trade area.")
    assert [(e.event, e.actor.country, e.recipient) for e in ex.events] == \
        [("AGREE", "IGO", None)]
    # One state's promise with no one named stays uncoded, and so does a planned summit.
    assert not extract_text("Kenya pledged to increase defence spending.").events
    assert not extract_text("The plan is due at the next NATO summit, scheduled for "
                            "Vilnius.").events


def test_a_reported_warning_of_harm_to_come_is_a_threat(extract_text):
    ex = extract_text("Beijing says the Japanese move will lead to serious consequences.")
    assert ("THREATEN", "CHN", "JPN") in dyads(ex)
    ex = extract_text("China said the arms sale to Taiwan would have serious consequences for "
                      "the United States.")
    assert ("THREATEN", "CHN", "USA") in dyads(ex)
    assert ("THREATEN", "CHN", "JPN") in dyads(extract_text(
        "China said Japan would face retaliation."))
    # Harm denied, or harm that already came, is no threat.
    assert not extract_text("China said Japan would face no consequences.").events
    assert not extract_text("China said the Japanese move had serious consequences.").events


def test_a_threat_is_aimed_at_whoever_must_act_for_it(extract_text):
    ex = extract_text("Iran warned of serious consequences if Israel attacks its nuclear "
                      "sites.")
    [event] = [e for e in ex.events if e.event == "THREATEN"]
    assert (event.actor.country, event.recipient.country) == ("IRN", "ISR")


def test_civilians_arrest_no_one(extract_text):
    ex = extract_text("Brazilian police fired pepper spray at protesters who tried to cross "
                      "barriers near Congress and detained 20 people.")
    assert not [e for e in ex.events if e.event == "COERCE" and e.actor.sector == "CVL"]
    ex = extract_text("Brazilian police detained 20 protesters near Congress.")
    assert ("COERCE", "BRA", "BRA") in dyads(ex)


def test_set_free_is_a_release(extract_text):
    ex = extract_text("Ethiopia set free two Kenyan journalists on Monday.")
    assert ("RETREAT", "ETH", "KEN") in dyads(ex)
    assert not extract_text("Ethiopia set new rules for Kenyan journalists on Monday.").events


def test_gas_as_fuel_is_no_weapon(extract_text):
    assert not [e for e in extract_text("Russia supplied Hungary with gas on Monday.").events
                if e.event == "ASSAULT"]
    assert not extract_text("Hungary used less Russian gas this winter.").events


def test_wishing_that_another_party_acts_is_no_event_of_theirs(extract_text):
    assert not extract_text("Analysts expect OPEC to meet in Vienna before June.").events
    assert not extract_text("Kenya wants Uganda to sign the border deal.").events
    # One's own plan with a partner stays a promise.
    assert ("AGREE", "KEN", "UGA") in dyads(extract_text(
        "Kenya plans to sign the border deal with Uganda."))


def test_we_and_i_inside_a_quote_are_its_speaker(extract_text):
    # The speaker of a direct quote is the "we"/"I" of the speech acts it contains,
    # whether the attribution follows the quote, precedes it with a colon, or is a pronoun.
    assert ("ACCUSE", "SOM", "KEN") in dyads(extract_text(
        "“We accuse the Kenyan government of crimes against our people,” the Somali "
        "president said."))
    assert ("REJECT", "ISR", "IRN") in dyads(extract_text(
        "Israeli Foreign Minister Dan Levi spoke in Jerusalem on Monday. “We reject the Iranian "
        "proposal,” he said."))
    assert ("REQUEST", "KOS", "SRB") in dyads(extract_text(
        "The Kosovo president told reporters: “I urge Serbia to withdraw its police.”"))
    # a promise is performed by saying it; the same act told as done is a deed
    assert ("AGREE", "EGY", "SDN") in dyads(extract_text(
        "“We will send food aid to Sudan next week,” the Egyptian president said."))
    assert not extract_text("“We sent food aid to Sudan last week,” the Egyptian president "
                            "said.").events


def test_a_quoted_promise_of_force_is_a_threat_by_the_speakers_side(extract_text):
    assert ("THREATEN", "LBN", "ISR") in dyads(extract_text(
        "“We will attack Israel if the strikes continue,” the Lebanese army chief said."))
    ex = extract_text("“We will expel four Russian diplomats if Moscow refuses,” the "
                      "British foreign minister said.")
    assert ("THREATEN", "GBR", "RUS") in dyads(ex)


def test_an_order_told_to_someone_is_a_demand_of_them(extract_text):
    ex = extract_text("“Release our members now,” the Colombian union told the ministry.")
    [event] = [e for e in ex.events if e.event == "REQUEST"]
    assert (event.actor.sector, event.recipient.sector, event.cameo.code) == ("LAB", "GOV",
                                                                                "100")
    assert ("REQUEST", "LBN", "ISR") in dyads(extract_text(
        "“Stop the raids,” the Lebanese president told Israel on Monday."))
    assert ("REQUEST", "EGY", "ISR") in dyads(extract_text(
        "“Do not attack Gaza,” the Egyptian foreign minister said to Israel."))
    assert ("REQUEST", "EGY", "ISR") in dyads(extract_text(
        "The Egyptian foreign minister told Israel: “Leave Gaza now.”"))


def test_quoted_speech_that_is_not_the_speakers_act_stays_uncoded(extract_text):
    # a deed the speaker tells of is not a speech act (the story tells deeds itself)
    assert not extract_text("“I met the Chinese ambassador yesterday,” the Indian minister "
                            "told reporters.").events
    assert not extract_text("“We will expel four Russian diplomats,” the British foreign "
                            "minister said.").events
    # a title inside a phrase is no one's speech; an order told to no one has no recipient
    assert not extract_text("In his memoir “We Fought Iraq” the US general tells of the "
                            "war.").events
    assert not [e for e in extract_text("“Release them,” the Colombian union said.").events
                if e.event == "REQUEST"]
    assert not extract_text("“Release our members now,” the Colombian union told "
                            "reporters.").events
    # "we" outside any quote stays unresolved
    assert not extract_text("We will attack Israel, the novel's hero says.").events


def test_saying_someone_does_wrong_accuses_them(extract_text):
    assert ("ACCUSE", "VEN", "VEN") in dyads(extract_text(
        "“The Venezuelan government is lying to its people,” opposition leader Maria Lopez "
        "said in Caracas."))
    assert ("ACCUSE", "VEN", "VEN") in dyads(extract_text(
        "Opposition leader Maria Lopez said the Venezuelan government cheated in the "
        "election."))
    # denied, conditional, or said of oneself: no accusation
    assert not extract_text("“The Venezuelan government is not lying,” Maria Lopez said.").events
    assert not extract_text("“If the Venezuelan government lies, we will know,” Maria Lopez "
                            "said.").events
    assert not extract_text("Maria Lopez said she lied to the court.").events


@pytest.mark.parametrize(("sentence", "dyad"), [
    ("Pakistan retaliated against India on Sunday, the army said.", ("ASSAULT", "PAK", "IND")),
    ("Venezuela vowed to retaliate against Guyana.", ("THREATEN", "VEN", "GUY")),
    ("China threatened to impose sanctions on the Philippines.", ("THREATEN", "CHN", "PHL")),
    ("Russia threatened to attack Finland.", ("THREATEN", "RUS", "FIN")),
    ("Pakistan did not retaliate against India.", None),
])
def test_retaliation_is_force_and_a_promised_act_keeps_its_prepositional_target(
        extract_text, sentence, dyad):
    """"retaliated against X" is force used on X; a threatened or vowed act names its target
    through the act's own preposition ("to retaliate against", "to impose sanctions on")."""
    found = dyads(extract_text(sentence))
    if dyad is None:
        assert not any(kind == "ASSAULT" for kind, _, _ in found)
    else:
        assert dyad in found
