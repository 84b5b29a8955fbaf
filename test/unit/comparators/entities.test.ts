import { strict as assert } from 'node:assert';
import { compare } from '../../../server/src/core/verdict/compare';
import { sameEntity } from '../../../server/src/core/verdict/comparators/entities';
import type { Entity } from '../../../server/src/core/analysis/facts';
import { analyseSentence, conflictKinds, conflictPairs, conflictsFound } from '../helpers';

function entity(text: string, key?: string): Entity {
  const e = analyseSentence(text).entities.find((x) => key === undefined || x.key === key);
  if (!e) throw new Error(`no entity in ${text}`);
  return e;
}

describe('comparators: entities', () => {
  it('treats UK, Britain and U.K. as the same place', () => {
    const uk = entity('The UK sent troops abroad.', 'gbr');
    assert.ok(sameEntity(uk, entity('Britain sent troops abroad.', 'gbr')));
    assert.ok(sameEntity(uk, entity('The U.K. sent troops abroad.', 'gbr')));
  });

  it('treats DPRK and North Korea as the same place', () => {
    assert.ok(sameEntity(entity('The DPRK tested a missile on its coast.', 'prk'), entity('North Korea tested a missile on its coast.', 'prk')));
  });

  it('treats a demonym as its country ("Russian" = Russia)', () => {
    assert.ok(sameEntity(entity('They met in the Russian city of Vladivostok.', 'rus'), entity('They met in Russia last year.', 'rus')));
  });

  it('treats a capital as standing for its country', () => {
    const pyongyang = analyseSentence('Officials in Pyongyang denied the report on Monday.').entities.find((e) => e.text === 'Pyongyang');
    assert.ok(pyongyang);
    assert.ok(sameEntity(pyongyang, entity('North Korea denied the report on Monday.', 'prk')));
    assert.ok(!sameEntity(pyongyang, entity('Russia denied the report on Monday.', 'rus')));
  });

  it('treats different countries as different places', () => {
    assert.ok(!sameEntity(entity('They met in Russia last year.', 'rus'), entity('They met in China last year.', 'chn')));
  });

  it('treats a surname as the same person as the full name, and other names as different', () => {
    const full = entity('Vladimir Putin met reporters.');
    assert.ok(sameEntity(entity('Putin met reporters.'), full));
    assert.ok(!sameEntity(entity('Xi met reporters.'), full));
  });

  it('reports another destination in the slot only when a word of the event is around it, not merely a name', () => {
    const r = compare(analyseSentence('The envoy flew to Seoul for the talks.'), analyseSentence('The envoy flew to Pyongyang for the talks.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['place', 'Seoul', 'Pyongyang']],
    );
    // The claim's speaker citing someone else's visit says nothing of her own trip.
    const cited = compare(
      analyseSentence('Thomas-Greenfield flew to Seoul to brief officials.'),
      analyseSentence('Thomas-Greenfield said, citing a visit to Pyongyang by the minister.'),
      [],
    );
    assert.deepEqual(cited.conflicts, []);
  });

  it('reports a different place in the same slot as a place conflict', () => {
    const r = compare(
      analyseSentence('The leaders held their summit in China last autumn.'),
      analyseSentence('The leaders held their summit in Russia last autumn.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['place', 'China', 'Russia']],
    );
  });

  it('puts two names described by the same role in one slot ("X, the city planner" / "Y, city planner and author")', () => {
    const swapped = compare(
      analyseSentence('Maria Lopez, the city planner who drew the map, called the bridge "a bold gamble".'),
      analyseSentence('"The bridge is a bold gamble," said Samuel Okafor, city planner and author of the map.'),
      [],
    );
    assert.deepEqual(
      swapped.conflicts.map((x) => [x.found, x.expected]),
      [['Maria Lopez', 'Samuel Okafor']],
    );
    // Another role is another slot: the engineer is not the planner.
    const other = compare(
      analyseSentence('Maria Lopez, the city planner who drew the map, called the bridge "a bold gamble".'),
      analyseSentence('"The bridge is a bold gamble," said Samuel Okafor, chief engineer and author of the map.'),
      [],
    );
    assert.deepEqual(other.conflicts, []);
  });

  it('puts the subjects of one verb in one slot, whatever its tense ("X had signed off" / "Y signed off")', () => {
    const swapped = compare(
      analyseSentence('The mayor said that Ortega had approved the new harbour plan in March.'),
      analyseSentence('Lindqvist approved the new harbour plan in March, the mayor said.'),
      [],
    );
    assert.deepEqual(
      swapped.conflicts.map((x) => [x.found, x.expected]),
      [['Ortega', 'Lindqvist']],
    );
  });

  it('puts the speakers of one statement in one slot, whichever verb reports it, past an apposition\'s commas ("Mira Tansey said" / "the correspondent, Oskar Velde, told")', () => {
    assert.deepEqual(
      conflictPairs(
        'Speaking to the radio station, Mira Tansey said a trade delegation had gone to Aldport late last month.',
        "The paper's correspondent, Oskar Velde, told the radio station that a trade delegation had gone to Aldport late last month.",
      ),
      [['Mira Tansey', 'Oskar Velde']],
    );
  });

  it('does not take a name a transcript line reports ("Professor B: what Velde says") for the speaker of the statement', () => {
    assert.deepEqual(
      conflictPairs(
        'Mira Tansey suggested that the visitor wants to go to the harbour.',
        'Professor B: Right, so what Oskar Velde says is that the visitor wants to go to the harbour.',
      ),
      [],
    );
  });

  it('puts names listed after the same name in one slot, whatever kind of name the gazetteer takes them for', () => {
    const r = compare(
      analyseSentence('The delegation travelled to Aldport and St Brenna late last month.'),
      analyseSentence('The delegation had travelled to Aldport and Moscow late last month.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.found, x.expected]),
      [['St Brenna', 'Moscow']],
    );
  });

  it('anchors a possessive by what is owned: "Japan\'s prime minister" is not in the slot of "North Korea\'s leader"', () => {
    const pairs = conflictPairs;
    assert.deepEqual(pairs("Japan's prime minister condemned the planned harbour meeting.", "North Korea's leader plans a harbour meeting."), []);
    assert.deepEqual(pairs("Japan's prime minister condemned the planned harbour meeting.", "Canada's prime minister condemned the planned harbour meeting."), [
      ['Japan', 'Canada'],
    ]);
  });

  it('reads a place described by its kind ("to the port city of Alexandria") in the slot of the word before the description, and as a place', () => {
    const kinds = conflictsFound;
    assert.deepEqual(
      kinds(
        'The delegation flew from Cairo to Tunis for the talks.',
        'The delegation flew from Cairo to the Mediterranean port city of Alexandria for the talks.',
      ),
      [['place', 'Tunis', 'Alexandria']],
    );
    assert.deepEqual(
      kinds('The delegation flew from Cairo to the coastal town of Sousse for the talks.', 'The delegation flew from Cairo to Tunis for the talks.'),
      [['place', 'Sousse', 'Tunis']],
    );
    assert.deepEqual(kinds('The delegation flew from Cairo to Tunis for the talks.', 'The delegation flew from Cairo to Tunis for the talks.'), []);
  });

  it('reads a role from a title before a name as from an apposition after it, past an owner ("the city\'s chief planner")', () => {
    const pairs = conflictPairs;
    assert.deepEqual(
      pairs("The mayor spoke to Jane Ross, the city's chief planner, about the bridge.", 'The mayor spoke to chief planner Ann Lee about the bridge.'),
      [['Jane Ross', 'Ann Lee']],
    );
    assert.deepEqual(pairs('The mayor spoke to planner Jane Ross about the bridge.', "The mayor spoke to Ann Lee, the city's planner, about the bridge."), [
      ['Jane Ross', 'Ann Lee'],
    ]);
    assert.deepEqual(
      pairs('The mayor spoke to planner Jane Ross about the bridge.', "The mayor spoke to Jane Ross, the city's planner, about the bridge."),
      [],
    );
  });

  it('reads a capital after the "to" of a verb of giving as its government ("sell rifles to Moscow" is "to Russia"), and after other verbs as a place', () => {
    assert.deepEqual(conflictKinds('The firm promised not to sell rifles to Moscow.', 'The firm promised not to sell rifles to Russia.'), []);
    assert.deepEqual(conflictKinds('The firm promised not to send rifles to Moscow.', 'The firm promised not to send rifles to Russia.'), ['place']);
  });

  it('joins a name set off by a dash or colon to the word before it ("product line - Orbit Suite" is in the slot of "product line Nova Suite")', () => {
    assert.deepEqual(
      conflictPairs(
        'The firm introduced its newest product line Nova Suite to customers.',
        'The firm introduced its newest product line - Orbit Suite - to customers.',
      ),
      [['Nova Suite', 'Orbit Suite']],
    );
  });

  it('reads the "I" of a transcript line as its speaker: another name doing the same to the same thing is in the speaker\'s slot, a bare "I agree" is no slot', () => {
    const line = 'Tom: I will bring the cake to the party.';
    assert.deepEqual(conflictPairs('Emily will bring the cake to the party.', line), [['Emily', 'Tom']]);
    assert.deepEqual(conflictPairs('Tom will bring the cake to the party.', line), []);
    assert.deepEqual(conflictPairs('Emily will bake some bread for the party.', line), []);
    assert.deepEqual(conflictPairs('Ovi agrees to meet his friends at school.', 'Candice: I agree.'), []);
  });

  it('reads two names on either side of one verb the other way round as swapped roles, with a fix that swaps them back', () => {
    const source = 'North Korea, backed by China and armed by the USSR, invaded South Korea.';
    assert.deepEqual(conflictPairs('South Korea invaded North Korea.', source), [
      ['South Korea', 'North Korea'],
      ['North Korea', 'South Korea'],
    ]);
    assert.deepEqual(conflictPairs('North Korea invaded South Korea.', source), []);
    // A change of voice keeps the roles; a reciprocal verb has none to swap.
    assert.deepEqual(conflictPairs('South Korea was invaded by North Korea.', source), []);
    assert.deepEqual(conflictPairs('Putin met Kim in Vladivostok.', 'Kim met Putin in Vladivostok.'), []);
    assert.deepEqual(conflictPairs('Moscow asked Pyongyang to sell shells to Russia.', 'Moscow asked Russia to sell shells to Pyongyang.'), [
      ['Pyongyang', 'Russia'],
      ['Russia', 'Pyongyang'],
    ]);
  });

  it('takes a name spelt the British or the American way as one name ("Defence Minister" / "Defense Minister")', () => {
    assert.ok(sameEntity(entity('Defence Minister Sergei Shoigu toured the expo.'), entity('Defense Minister Sergei Shoigu toured the expo.')));
    assert.deepEqual(conflictKinds('Defence Minister Sergei Shoigu toured a weapons expo.', 'Defense Minister Sergei Shoigu toured a weapons expo.'), []);
  });

  it('puts the body a person works for in one slot whichever way it is written ("a spokeswoman for X" / "X spokeswoman"), for nouns of people only', () => {
    assert.deepEqual(
      conflictsFound('Adrienne Watson is a spokeswoman for the State Department.', 'National Security Council spokeswoman Adrienne Watson said it.'),
      [['entity', 'State Department', 'National Security Council']],
    );
    assert.deepEqual(
      conflictKinds('Adrienne Watson is a spokeswoman for the National Security Council.', 'National Security Council spokeswoman Adrienne Watson said it.'),
      [],
    );
    // "The end of" is no person's: two names of one war are not set against each other.
    assert.deepEqual(
      conflictKinds('Kim attended a ceremony marking the end of the Second World War.', 'Kim attended a ceremony marking the end of World War II.'),
      [],
    );
  });

  it('sets the claim name against the agent of the same event, written as a verb or as "a visit ... by X", even when the sentence names the claim name elsewhere', () => {
    assert.deepEqual(conflictPairs('Putin visited Pyongyang in July.', 'It cited a July visit to Pyongyang by Russian Defense Minister Sergei Shoigu.'), [
      ['Putin', 'Defense Minister Sergei Shoigu'],
    ]);
    assert.deepEqual(
      conflictPairs('Putin visited Pyongyang in July.', 'Mr Kim and Mr Putin previously met in Vladivostok, while Mr Shoigu visited Pyongyang in July.'),
      [['Putin', 'Mr Shoigu']],
    );
    // The claim's facts said in the claim name's own clause make the event its own, in either order of the clauses.
    assert.deepEqual(
      conflictKinds(
        'Kim visited Vladivostok in 2019.',
        'Mr Kim and Mr Putin met during a visit to Vladivostok in 2019, while Mr Shoigu visited Pyongyang in July.',
      ),
      [],
    );
    assert.deepEqual(
      conflictPairs('Putin visited Pyongyang in July.', 'Mr Shoigu visited Pyongyang in July, while Mr Putin met Mr Kim in Vladivostok in 2019.'),
      [['Putin', 'Mr Shoigu']],
    );
    // A name inside the claim name's own phrase does not take its event; nor does a name after a preposition have one.
    assert.deepEqual(conflictKinds('Baugh was chosen for the award.', 'Judge Baugh of Billings was chosen for the award.'), []);
    assert.deepEqual(conflictKinds('The agent from Acme called Mr Smith.', 'Mr Jones called Mr Smith about Acme.'), []);
  });

  it('reads the act of a name through a relative clause or "the first to" ("The Washington Post was the first to report" / "the New York Times, which first reported")', () => {
    assert.deepEqual(
      conflictPairs(
        'The Washington Post was the first to report the possibility of a meeting.',
        'According to the New York Times, which first reported on the possibility of a meeting, talks advanced.',
      ),
      [['Washington Post', 'New York Times']],
    );
    assert.deepEqual(
      conflictKinds(
        'The New York Times was the first to report the possibility of a meeting.',
        'According to the New York Times, which first reported on the possibility of a meeting, talks advanced.',
      ),
      [],
    );
  });
  it('puts a place that owns a title in one slot whether it is written as an owner or a demonym ("China\'s defence minister" / "Russian Defence Minister")', () => {
    const source = 'In July, Russian Defence Minister Sergei Shoigu toured a weapons exhibit in Pyongyang.';
    assert.deepEqual(conflictsFound("China's defence minister toured a weapons exhibit in Pyongyang.", source), [['place', 'China', 'Russian']]);
    assert.deepEqual(conflictKinds("Russia's defence minister toured a weapons exhibit in Pyongyang.", source), []);
  });
  it('sets a claim subject against the source\'s doer of the same act on the same thing, when the claim puts that doer elsewhere ("Kim is seeking shells from Putin")', () => {
    const source = 'The report said that Putin is seeking artillery shells and anti-tank missiles, while Kim wants advanced technology for satellites.';
    assert.deepEqual(conflictsFound('Kim is seeking artillery shells and anti-tank missiles from Putin.', source), [['entity', 'Kim', 'Putin']]);
    assert.deepEqual(conflictsFound('Putin wants advanced technology for satellites from Kim.', source), [['entity', 'Putin', 'Kim']]);
    // The same roles, another thing wanted, or a reciprocal act: no swap.
    assert.deepEqual(conflictKinds('Putin is seeking artillery shells from Kim.', source), []);
    assert.deepEqual(conflictKinds('Kim is seeking food aid from Putin.', source), []);
    assert.deepEqual(conflictKinds('Kim met Putin in Vladivostok.', 'Putin met the North Korean leader in Vladivostok.'), []);
  });
  it("sets the one name a list of three or more has in place of a source list's, in whatever order each lists them", () => {
    const source = 'The joint statement was co-signed by France, Japan, South Korea and Britain.';
    assert.deepEqual(conflictsFound('Canada, France, Japan and South Korea co-signed the statement.', source), [['place', 'Canada', 'Britain']]);
    assert.deepEqual(conflictKinds('Britain, France, Japan and South Korea co-signed the statement.', source), []);
    // Two names of the list differ: the lists are not one list with a name swapped.
    assert.deepEqual(conflictKinds('Canada, Italy, Japan and South Korea co-signed the statement.', source), []);
  });
});
