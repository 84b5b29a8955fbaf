import { strict as assert } from 'node:assert';
import { Checker, LONG_PARAGRAPH } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { proseOf } from '../../server/src/core/analysis/draft';
import { stemWord } from '../../server/src/core/analysis/words';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import { LineIndex } from '../../server/src/core/positions';
import type { CheckResult, ClaimResult, SourceInput } from '../../server/src/core/types';

function checkerOf(sources: SourceInput[]): Checker {
  return new Checker(Corpus.fromSources(sources));
}

/** Checks a one-claim draft and returns that claim. */
function only(checker: Checker, draft: string): ClaimResult {
  const r = checker.check(draft);
  assert.equal(r.claims.length, 1, `one claim expected in ${JSON.stringify(draft)}, got ${r.claims.length}`);
  return r.claims[0];
}

/** Every range of a result lies inside the draft and agrees with its offsets and text. */
function assertRangesConsistent(draft: string, r: CheckResult, languageId = 'markdown'): void {
  const lines = new LineIndex(draft);
  // Claim text is the prose of the claim (Markdown markup blanked), whitespace collapsed.
  const prose = proseOf(draft, languageId).masked;
  for (const c of r.claims) {
    assert.ok(c.start >= 0 && c.start <= c.end && c.end <= draft.length, `claim offsets inside the draft: ${c.start}-${c.end}`);
    assert.deepEqual(c.range, lines.rangeOf(c.start, c.end));
    assert.equal(c.text, prose.slice(c.start, c.end).replace(/\s+/g, ' ').trim());
    for (const m of c.mismatches) {
      assert.ok(m.start >= c.start && m.end <= c.end && m.start < m.end, `mismatch ${m.found} inside its claim`);
      assert.deepEqual(m.range, lines.rangeOf(m.start, m.end));
      assert.equal(m.found, draft.slice(m.start, m.end), `found equals the draft text at its range`);
    }
  }
}

const NEWS: SourceInput = {
  path: 'sources/news.txt',
  text: [
    'The summit between the two leaders took place on September 13 in the port city of Vladivostok.',
    'The arms deal was worth $600 million according to officials in Seoul.',
    'Three soldiers were wounded in the clash near the northern border.',
    'Kim vowed to "hold hands" with Putin and bolster strategic cooperation.',
    'North Korea was heavily reliant on Soviet aid for decades.',
    'The senator was opposing the new trade agreement with Canada.',
    'Kim Jong Un met Vladimir Putin for the first time in 2019 in Vladivostok.',
  ].join('\n'),
};

describe('checker: verdicts', () => {
  const checker = checkerOf([NEWS]);

  it('supports a claim the source states', () => {
    const c = only(checker, 'The summit between the two leaders took place on September 13 in the port city of Vladivostok.');
    assert.equal(c.verdict, 'supported');
    assert.equal(c.mismatches.length, 0);
    assert.equal(c.evidence[0].path, 'sources/news.txt');
    assert.equal(c.evidence[0].stance, 'supports');
  });

  it('contradicts a claim whose year differs, with found, expected and the evidence path', () => {
    const draft = 'Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'contradicted');
    assert.equal(c.mismatches.length, 1);
    const m = c.mismatches[0];
    assert.deepEqual([m.kind, m.found, m.expected], ['year', '2018', '2019']);
    assert.equal(draft.slice(m.start, m.end), '2018');
    assert.equal(m.evidence.path, 'sources/news.txt');
    assert.equal(m.evidence.stance, 'contradicts');
    assert.equal(m.evidence.text, 'Kim Jong Un met Vladimir Putin for the first time in 2019 in Vladivostok.');
    assert.equal(m.evidence.range.start.line, 6);
    assert.equal(c.evidence[0].sentenceId, m.evidence.sentenceId);
  });

  it('leaves a claim no source speaks to unverified, with a reason', () => {
    const c = only(checker, 'The bakery sold croissants to tourists in Lisbon on Tuesday.');
    assert.equal(c.verdict, 'unverified');
    assert.equal(c.mismatches.length, 0);
    assert.ok(c.reason && c.reason.length > 0);
  });

  it('explains an unverified claim by the fact that no source mentions, before other reasons', () => {
    const checker = checkerOf([
      { path: 'modal.txt', text: 'Kim Jong Un may meet Vladimir Putin in Moscow soon, officials said.' },
      { path: 'bio.txt', text: 'Kim Jong Un has led North Korea since 2011.' },
    ]);
    const c = only(checker, 'Kim Jong Un was born in 1984.');
    assert.equal(c.verdict, 'unverified');
    assert.equal(c.reason, 'No source mentions 1984.');
  });

  it('says a name is mentioned only when the sources have every word of it ("state media" and "the department" are no "State Department")', () => {
    const checker = checkerOf([
      { path: 'nsc.txt', text: 'National Security Council spokeswoman Adrienne Watson told state media that the department had new information.' },
    ]);
    const gaps = (draft: string): string[] => (only(checker, draft).gaps ?? []).map((g) => g.reason);
    assert.ok(gaps('Adrienne Watson of the State Department said the talks had stalled in Geneva.').includes('No source mentions State Department.'));
    assert.ok(
      gaps('Adrienne Watson of the National Security Council said the talks had stalled in Geneva.').every((r) => !r.includes('National Security Council')),
    );
  });

  it('contradicts a wrong day of a date and points at the date', () => {
    const draft = 'The summit between the two leaders took place on September 15 in the port city of Vladivostok.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['date', 'September 15', 'September 13']],
    );
  });

  it('contradicts a wrong amount of money', () => {
    const c = only(checker, 'The arms deal was worth $700 million according to officials in Seoul.');
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['money', '$700 million', '$600 million']],
    );
  });

  it('contradicts a wrong count written in words', () => {
    const c = only(checker, 'Five soldiers were wounded in the clash near the northern border.');
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['number', 'Five', 'Three']],
    );
  });

  it('does not check headings, code or front matter of a Markdown draft', () => {
    const draft =
      '---\ntitle: Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.\n---\n\n# Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.\n\n```\nKim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.\n```\n';
    assert.deepEqual(checker.check(draft).claims, []);
  });

  it('checks a plain-text draft as plain text (a "#" line is prose)', () => {
    const r = checker.check('# Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.', { languageId: 'plaintext' });
    assert.equal(r.claims.length, 1);
    assert.equal(r.claims[0].verdict, 'contradicted');
  });

  it('does not treat questions as claims', () => {
    assert.deepEqual(checker.check('Did Kim Jong Un meet Vladimir Putin in 2018 in Vladivostok?').claims, []);
  });

  it('does not contradict a claim when minScore is above every match', () => {
    // One word more than the source sentence, so that no match is perfect.
    const claim = 'Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok, officials said.';
    const c = only(checker, claim);
    assert.equal(c.verdict, 'contradicted');
    // Just above the similarity of the best match, nothing is evidence.
    const above = Math.max(...c.evidence.map((e) => e.score)) + 0.02;
    assert.ok(above <= 1);
    const strict = checker.check(claim, { minScore: above }).claims[0];
    assert.notEqual(strict.verdict, 'contradicted');
  });

  it('does not support a claim whose every word beyond its names the evidence leaves unsaid, in written text', () => {
    const checker = checkerOf([
      {
        path: 'a.md',
        text: 'Russia, along with China, has repeatedly blocked U.S.-led efforts at the UN to act against North Korea. The talks went on for a week. Officials gave no details.',
      },
    ]);
    assert.equal(only(checker, 'China has offered to mediate between North Korea and the United States.').verdict, 'unverified');
    assert.equal(only(checker, 'China has blocked U.S.-led efforts at the UN to act against North Korea.').verdict, 'supported');
  });

  it('points an unverified word of a closed class at that word alone, once ("red", not the whole sentence)', () => {
    const checker = checkerOf([{ path: 'a.md', text: 'The council painted the old bridge over the river in March. Officials praised the work.' }]);
    const draft = 'The council painted the old bridge over the river red in March.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'unverified');
    assert.deepEqual(
      (c.gaps ?? []).map((g) => [draft.slice(g.start, g.end), g.reason]),
      [['red', 'No source says “red”.']],
    );
  });

  it('tells whether any source uses an unverified closed-class word by its lemma ("women" where a source says "women")', () => {
    const checker = checkerOf([
      { path: 'a.md', text: 'The council painted the old bridge over the river in March. Officials praised the work.' },
      { path: 'b.md', text: 'Many women marched through the city centre on Sunday afternoon.' },
    ]);
    const draft = 'The council painted the old bridge over the river for women in March.';
    const c = only(checker, draft);
    assert.deepEqual(
      (c.gaps ?? []).map((g) => [draft.slice(g.start, g.end), g.reason]),
      [['women', 'The sources use “women”, but not about this.']],
    );
  });
});

describe('checker: format differences are not contradictions', () => {
  const checker = checkerOf([NEWS]);

  it('supports "Sept. 13" against a source saying "September 13"', () => {
    const c = only(checker, 'The summit between the two leaders took place on Sept. 13 in the port city of Vladivostok.');
    assert.equal(c.verdict, 'supported');
  });

  it('supports "$600m" against a source saying "$600 million"', () => {
    const c = only(checker, 'The arms deal was worth $600m according to officials in Seoul.');
    assert.equal(c.verdict, 'supported');
  });

  it('supports "$600m" at the end of a sentence against "$600 million"', () => {
    const c = checkerOf([{ path: 'a.txt', text: 'The arms deal with the shipyard was worth $600 million.' }]);
    assert.equal(only(c, 'The arms deal with the shipyard was worth $600m.').verdict, 'supported');
  });

  it('supports "3" against a source saying "three"', () => {
    const c = only(checker, '3 soldiers were wounded in the clash near the northern border.');
    assert.equal(c.verdict, 'supported');
  });

  it('supports "the UK" against a source saying "Britain"', () => {
    const c = checkerOf([{ path: 'a.txt', text: 'Britain sent two warships to the Black Sea last spring.' }]);
    assert.equal(only(c, 'The UK sent two warships to the Black Sea last spring.').verdict, 'supported');
  });

  it('supports "1950–53" against a source saying "from 1950 to 1953"', () => {
    const c = checkerOf([{ path: 'a.txt', text: 'The Korean War was fought from 1950 to 1953 on the peninsula.' }]);
    assert.equal(only(c, 'The Korean War was fought 1950–53 on the peninsula.').verdict, 'supported');
  });
});

describe('checker: claims about a different event are not contradicted', () => {
  it('does not contradict a "second time" claim with a "first time" source', () => {
    const c = only(checkerOf([NEWS]), 'Kim Jong Un met Vladimir Putin for the second time in 2018 in Vladivostok.');
    assert.notEqual(c.verdict, 'contradicted');
    assert.equal(c.mismatches.length, 0);
  });

  it('does not contradict a claim with a source that only says the leaders "may meet"', () => {
    const checker = checkerOf([{ path: 'modal.txt', text: 'Kim Jong Un may meet Vladimir Putin in Moscow in 2024, officials said.' }]);
    const c = only(checker, 'Kim Jong Un met Vladimir Putin in Moscow in 2023.');
    assert.equal(c.verdict, 'unverified');
    assert.equal(c.mismatches.length, 0);
    assert.match(c.reason ?? '', /may happen/);
  });

  it('does not support a claim that something happened with a source that says it may happen', () => {
    const checker = checkerOf([{ path: 'modal.txt', text: 'Kim Jong Un may meet Vladimir Putin in Moscow in 2024, officials said.' }]);
    assert.equal(only(checker, 'Kim Jong Un met Vladimir Putin in Moscow in 2024.').verdict, 'unverified');
  });
});

describe('checker: sources that disagree', () => {
  const BRIDGE_1998 = 'The bridge over the Han river was opened to traffic in 1998 by the city mayor.';
  const BRIDGE_2001 = 'The bridge over the Han river was opened to traffic in 2001 by the city mayor.';

  it('reports a conflict and follows the article over a reader comment (separate documents)', () => {
    const checker = checkerOf([
      { path: 'article.txt', text: BRIDGE_1998 },
      { path: 'thread.txt', text: `Discussion thread\nI'm a bot, beep boop.\n${BRIDGE_2001}` },
    ]);
    const wrong = only(checker, BRIDGE_2001);
    assert.equal(wrong.verdict, 'contradicted');
    assert.ok(wrong.conflict, 'conflict reported');
    assert.equal(wrong.conflict.contradicting.path, 'article.txt');
    assert.equal(wrong.conflict.supporting.path, 'thread.txt');
    assert.deepEqual(
      wrong.mismatches.map((m) => [m.found, m.expected, m.evidence.path]),
      [['2001', '1998', 'article.txt']],
    );

    const right = only(checker, BRIDGE_1998);
    assert.equal(right.verdict, 'supported');
    assert.ok(right.conflict, 'conflict reported');
    assert.equal(right.conflict.supporting.path, 'article.txt');
    assert.equal(right.conflict.contradicting.path, 'thread.txt');
    assert.equal(right.mismatches.length, 0);
    // The note names the confirming source and what the other one says instead.
    assert.equal(right.conflict.note, 'article.txt supports this claim; thread.txt says 2001.');
  });

  it('follows the article over reader comments after an "I\'m a bot" line in the same document', () => {
    const text = [
      'Seoul city news roundup for the week.',
      BRIDGE_1998,
      'The weather in the capital stayed mild all week.',
      'Local markets reported brisk trade in autumn vegetables.',
      'A new library branch will open in the eastern district.',
      'Schools prepared for the winter exam season.',
      "I'm a bot, and this action was performed automatically.",
      BRIDGE_2001,
    ].join('\n');
    const checker = checkerOf([{ path: 'article.txt', text }]);
    const wrong = only(checker, BRIDGE_2001);
    assert.equal(wrong.verdict, 'contradicted');
    assert.ok(wrong.conflict);
    assert.equal(wrong.mismatches[0].expected, '1998');
    assert.equal(wrong.mismatches[0].evidence.range.start.line, 1);
    const right = only(checker, BRIDGE_1998);
    assert.equal(right.verdict, 'supported');
    assert.ok(right.conflict);
  });

  // A short article: the comment is a neighbour of the article sentence, and must not count as its support.
  it('follows the article over an adjacent reader comment in a short document', () => {
    const text = `${BRIDGE_1998}\nI'm a bot, and this action was performed automatically.\n${BRIDGE_2001}\n`;
    const c = only(checkerOf([{ path: 'article.txt', text }]), BRIDGE_2001);
    assert.equal(c.verdict, 'contradicted');
    assert.ok(c.conflict);
  });

  it('reports a conflict between equally trusted sources and keeps the claim supported', () => {
    const checker = checkerOf([
      { path: 'a.txt', text: BRIDGE_1998 },
      { path: 'b.txt', text: BRIDGE_2001 },
    ]);
    const c = only(checker, BRIDGE_2001);
    assert.equal(c.verdict, 'supported');
    assert.ok(c.conflict);
    assert.equal(c.conflict.supporting.path, 'b.txt');
    assert.equal(c.conflict.contradicting.path, 'a.txt');
  });

  it('contradicts a value neither source supports, without a conflict', () => {
    const checker = checkerOf([
      { path: 'a.txt', text: BRIDGE_1998 },
      { path: 'b.txt', text: BRIDGE_2001 },
    ]);
    const c = only(checker, BRIDGE_1998.replace('1998', '2005'));
    assert.equal(c.verdict, 'contradicted');
    assert.equal(c.conflict, undefined);
  });
});

describe('checker: the mission example against the bundled corpus', () => {
  let checker: Checker;
  before(() => {
    const { sources, problems } = readSourceFolders([bundledCorpusDir()]);
    assert.deepEqual(problems, []);
    assert.equal(sources.length, 5);
    checker = checkerOf(sources);
  });

  it('gives an unverified claim gaps on what no source supports: a value and the words around it apart, none overlapping', () => {
    const draft = 'Kim Jong Un traveled to Russia by armoured train in 2019, his aides said on Tuesday at the UN.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'unverified');
    const gaps = c.gaps ?? [];
    assert.ok(
      gaps.some((g) => g.text === '2019'),
      JSON.stringify(gaps),
    );
    assert.ok(
      gaps.some((g) => g.text === 'armoured train'),
      JSON.stringify(gaps),
    );
    for (const g of gaps) {
      assert.equal(draft.slice(g.start, g.end), g.text);
      assert.ok(g.end - g.start < draft.length, `"${g.text}" is narrower than the sentence`);
    }
    for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i - 1].end <= gaps[i].start, `gaps overlap: ${JSON.stringify(gaps)}`);
  });

  it('makes no claim of a title line, a caption or an opinion', () => {
    const draft =
      'Notes from the press conference\n\nVladimir Putin and Kim Jong Un\n\nIt is hard to think of another sport that rewards its stars so lavishly.\n\nKim met Putin in Vladivostok\n';
    const r = checker.check(draft, { languageId: 'plaintext' });
    assert.deepEqual(
      r.claims.map((c) => c.text),
      ['Kim met Putin in Vladivostok'],
    );
  });

  it('checks a paragraph longer than LONG_PARAGRAPH in pieces: the same claims as paragraph by paragraph, and an edit re-checks one piece', () => {
    const sentences = Array.from(
      { length: 400 },
      (_, i) => `In ${1950 + (i % 70)} Kim Jong Un met Vladimir Putin in Vladivostok, said ${i + 2} officials of district ${i}.`,
    );
    const one = sentences.join(' ');
    assert.ok(one.length > 3 * LONG_PARAGRAPH);
    const fresh = checkerOf(readSourceFolders([bundledCorpusDir()]).sources);
    const whole = fresh.check(one, { languageId: 'plaintext' });
    const apart = checkerOf(readSourceFolders([bundledCorpusDir()]).sources).check(sentences.join('\n\n'), { languageId: 'plaintext' });
    assert.deepEqual(
      whole.claims.map((c) => [c.text, c.verdict]),
      apart.claims.map((c) => [c.text, c.verdict]),
    );
    assertRangesConsistent(one, whole, 'plaintext');
    // One sentence in the middle edited: only the claims of its piece are checked again.
    let checked = 0;
    const checkClaim = fresh.checkClaim.bind(fresh);
    fresh.checkClaim = (a, minScore) => {
      checked++;
      return checkClaim(a, minScore);
    };
    const perPiece = Math.ceil((2 * LONG_PARAGRAPH) / (one.length / sentences.length));
    const edited = one.replace('said 202 officials', 'said 203 officials');
    const again = fresh.check(edited, { languageId: 'plaintext' });
    assert.equal(again.claims.length, whole.claims.length);
    assert.ok(checked > 0 && checked <= perPiece, `${checked} claims re-checked of ${whole.claims.length}`);
    // Typing (text inserted, so everything after it moves) re-checks about one piece per keystroke too, never the rest.
    let text = edited;
    const at = text.indexOf('district 150.') + 'district 150.'.length;
    for (const ch of ' Officials met again on Tuesday in Moscow and talked for hours.') {
      checked = 0;
      text = text.slice(0, at + (text.length - edited.length)) + ch + text.slice(at + (text.length - edited.length));
      fresh.check(text, { languageId: 'plaintext' });
      assert.ok(checked <= 2 * perPiece, `${checked} claims re-checked after typing "${ch}"`);
    }
  });

  it('contradicts "met Putin for the first time in 2018" with 2019 from corpus/000_259cea779c2763bf.txt', () => {
    const draft = 'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'contradicted');
    assert.equal(c.mismatches.length, 1);
    const m = c.mismatches[0];
    assert.deepEqual([m.kind, m.found, m.expected], ['year', '2018', '2019']);
    assert.equal(draft.slice(m.start, m.end), '2018');
    assert.match(m.evidence.path.replace(/\\/g, '/'), /corpus\/000_259cea779c2763bf\.txt$/);
    assert.equal(m.evidence.text, 'He met Putin in 2019 for the first time in the Russian city of Vladivostok.');
    assert.equal(m.evidence.range.start.line + 1, 23);
    assert.equal(m.evidence.date, '2023-09-05');
  });

  it('supports the corrected mission sentence', () => {
    const c = only(checker, 'Kim Jong Un met Vladimir Putin for the first time in 2019, in the Russian city of Vladivostok.');
    assert.equal(c.verdict, 'supported');
  });
});

describe('checker: misquotes, negation and antonyms', () => {
  const checker = checkerOf([NEWS]);

  it('flags "join hands" as a misquote of "hold hands"', () => {
    const draft = 'Kim vowed to "join hands" with Putin and bolster strategic cooperation.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['quote', 'join', 'hold']],
    );
    assert.equal(draft.slice(c.mismatches[0].start, c.mismatches[0].end), 'join');
  });

  it('supports an exact quotation', () => {
    assert.equal(only(checker, 'Kim vowed to "hold hands" with Putin and bolster strategic cooperation.').verdict, 'supported');
  });

  it('flags "was never reliant" against "was heavily reliant" as a negation', () => {
    const draft = 'North Korea was never reliant on Soviet aid for decades.';
    const c = only(checker, draft);
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found]),
      [['negation', 'never']],
    );
    assert.equal(c.mismatches[0].expected, undefined);
  });

  it('flags "supporting" against "opposing" as an antonym', () => {
    const c = only(checker, 'The senator was supporting the new trade agreement with Canada.');
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['antonym', 'supporting', 'opposing']],
    );
  });

  it('flags "denied" against "admitted" as an antonym', () => {
    const c = only(
      checkerOf([{ path: 'a.txt', text: 'The defence minister admitted the missile test had failed.' }]),
      'The defence minister denied the missile test had failed.',
    );
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['antonym', 'denied', 'admitted']],
    );
  });

  it('flags "increase" against "decrease" as an antonym', () => {
    const c = only(
      checkerOf([{ path: 'a.txt', text: 'Officials reported a decrease in rice exports to China this year.' }]),
      'Officials reported an increase in rice exports to China this year.',
    );
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['antonym', 'increase', 'decrease']],
    );
  });
});

describe('checker: cancellation', () => {
  const checker = checkerOf([NEWS]);

  it('sets a value against the sentence of the document that states another in its role, though it shares only words the closest sentence has', () => {
    const checker = checkerOf([
      {
        path: 'ties.txt',
        text: [
          'Mr Kim had a cool relationship with Russia and China, which both imposed sanctions on North Korea over its nuclear tests.',
          "After his country's most recent nuclear test in 2017, Mr Kim took steps to repair ties.",
          'He met Putin in 2019 in Vladivostok.',
        ].join(' '),
      },
    ]);
    const c = only(checker, 'North Korea conducted its latest nuclear test in 2016.');
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.found, m.expected]),
      [['2016', '2017']],
    );
    assert.notEqual(only(checker, 'North Korea conducted its latest nuclear test in 2017.').verdict, 'contradicted');
  });

  it('shows, for a value another sentence of the evidence set gives otherwise, that sentence as the mismatch evidence', () => {
    const checker = checkerOf([
      {
        path: 'ties.txt',
        text: "After his country's most recent nuclear test in 2017, Mr Kim took steps to repair ties. He met Putin in 2019 for the first time in Vladivostok.",
      },
    ]);
    const c = only(checker, "Kim's 2017 nuclear test was followed by efforts to repair ties, and he met Putin for the first time in 2018.");
    assert.equal(c.verdict, 'contradicted');
    assert.deepEqual(
      c.mismatches.map((m) => [m.found, m.expected, m.evidence.text]),
      [['2018', '2019', 'He met Putin in 2019 for the first time in Vladivostok.']],
    );
  });

  it('returns cancelled: true and no claims for a token already cancelled', () => {
    const r = checker.check('Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.', {}, { isCancellationRequested: true });
    assert.equal(r.cancelled, true);
    assert.deepEqual(r.claims, []);
  });

  it('stops between paragraphs when the token is cancelled during the check', () => {
    let reads = 0;
    // Not cancelled for the first paragraph (read before it and before its one claim), cancelled from the second on.
    const token = {
      get isCancellationRequested() {
        return reads++ >= 2;
      },
    };
    const draft =
      'Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.\n\nFive soldiers were wounded in the clash near the northern border.\n';
    const r = checker.check(draft, {}, token);
    assert.equal(r.cancelled, true);
    assert.equal(r.claims.length, 1);
    assert.equal(r.claims[0].mismatches[0].found, '2018');
  });

  it('stops between the claims of one paragraph, and does not keep the unfinished paragraph', () => {
    const fresh = checkerOf([NEWS]);
    let reads = 0;
    // Read before the paragraph and before each claim: cancelled before the second claim.
    const token = {
      get isCancellationRequested() {
        return reads++ >= 2;
      },
    };
    const draft = 'Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok. Five soldiers were wounded in the clash near the northern border.';
    const r = fresh.check(draft, {}, token);
    assert.equal(r.cancelled, true);
    assert.deepEqual(r.claims, []);
    assert.ok(reads >= 3, 'the token was read between the claims');
    const whole = fresh.check(draft, {});
    assert.equal(whole.cancelled, undefined);
    assert.equal(whole.claims.length, 2, 'the paragraph is checked whole next time, not taken from a partial result');
  });

  it('does not set cancelled for a token that is never cancelled', () => {
    const r = checker.check('Five soldiers were wounded in the clash near the northern border.', {}, { isCancellationRequested: false });
    assert.equal(r.cancelled, undefined);
    assert.equal(r.claims.length, 1);
  });
});

describe('checker: reported ranges', () => {
  const checker = checkerOf([NEWS]);

  it('reports every range inside the draft, matching the draft text (CRLF, emoji, Markdown)', () => {
    const draft = [
      '# Notes 😀 on the summit',
      '',
      'Notes 😀 here. Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.',
      '',
      '- The summit between the two leaders took place on September 15 in the port city of Vladivostok.',
      '- Five soldiers were wounded in the clash near the **northern** border.',
      '',
      'Kim vowed to "join hands" with Putin and bolster strategic cooperation. North Korea was never reliant on Soviet aid for decades.',
      '',
      'The arms deal was worth $700 million according to officials in Seoul.',
    ].join('\r\n');
    const r = checker.check(draft);
    assert.ok(r.claims.length >= 6, `claims found: ${r.claims.length}`);
    const found = r.claims.flatMap((c) => c.mismatches.map((m) => m.found)).sort();
    assert.deepEqual(found, ['$700 million', 'September 15', '2018', 'Five', 'join', 'never'].sort());
    assertRangesConsistent(draft, r);
  });

  it('reports ranges correctly in a plain-text draft with lone CR line breaks', () => {
    const draft =
      'First line.\r\rFive soldiers were wounded in the clash near the northern border.\r\rKim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.';
    const r = checker.check(draft, { languageId: 'plaintext' });
    assert.deepEqual(
      r.claims.flatMap((c) => c.mismatches.map((m) => m.found)),
      ['Five', '2018'],
    );
    assertRangesConsistent(draft, r, 'plaintext');
    const m = r.claims.find((c) => c.mismatches.length && c.mismatches[0].found === '2018')!.mismatches[0];
    assert.equal(m.range.start.line, 4);
  });

  it('reports a place mismatch at the end of a sentence without the full stop', () => {
    const c = checkerOf([{ path: 'a.txt', text: 'The leaders held their annual summit in Russia.' }]);
    const draft = 'The leaders held their annual summit in China.';
    const r = c.check(draft);
    assert.deepEqual(
      r.claims[0].mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['place', 'China', 'Russia']],
    );
    assertRangesConsistent(draft, r);
  });

  it('reports a place mismatch inside a sentence with an exact range', () => {
    const c = checkerOf([{ path: 'a.txt', text: 'The leaders held their annual summit in Russia last autumn.' }]);
    const draft = 'The leaders held their annual summit in China last autumn.';
    const r = c.check(draft);
    assert.deepEqual(
      r.claims[0].mismatches.map((m) => [m.kind, m.found, m.expected]),
      [['place', 'China', 'Russia']],
    );
    assertRangesConsistent(draft, r);
  });
});

describe('checker: paragraph cache', () => {
  const P1 = 'Kim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.';
  const P2 = 'Five soldiers were wounded in the clash near the northern border.';
  const P0 = 'The arms deal was worth $700 million according to officials in Seoul.';

  it('gives the same result for an unchanged paragraph after another paragraph is edited', () => {
    const checker = checkerOf([NEWS]);
    const first = checker.check(`${P1}\n\n${P2}\n`);
    const edited = `${P1.replace('2018', '2017')}\n\n${P2}\n`;
    const second = checker.check(edited);
    // The unchanged paragraph comes from the cache: the very same evidence objects.
    assert.equal(second.claims[1].evidence, first.claims[1].evidence);
    assert.deepEqual(second.claims[1], first.claims[1]);
    // The edited paragraph was checked again.
    assert.equal(second.claims[0].mismatches[0].found, '2017');
    // And the whole result equals a check by a fresh checker.
    assert.deepEqual(second, checkerOf([NEWS]).check(edited));
  });

  it('shifts offsets and ranges of cached paragraphs when a paragraph is inserted above', () => {
    const checker = checkerOf([NEWS]);
    const before = `${P1}\n\n${P2}\n`;
    const after = `${P0}\n\n${P1}\n\n${P2}\n`;
    const a = checker.check(before);
    const b = checker.check(after);
    assert.equal(b.claims.length, a.claims.length + 1);
    const shift = P0.length + 2;
    for (let k = 0; k < a.claims.length; k++) {
      const x = a.claims[k];
      const y = b.claims[k + 1];
      assert.equal(y.start, x.start + shift);
      assert.equal(y.end, x.end + shift);
      assert.equal(y.range.start.line, x.range.start.line + 2);
      assert.equal(y.range.start.character, x.range.start.character);
      assert.deepEqual(
        y.mismatches.map((m) => [m.start - shift, m.end - shift, m.found]),
        x.mismatches.map((m) => [m.start, m.end, m.found]),
      );
    }
    assertRangesConsistent(after, b);
    assert.deepEqual(b, checkerOf([NEWS]).check(after));
  });

  it('keeps separate cache entries per minScore', () => {
    const checker = checkerOf([NEWS]);
    // One word more than the source sentence, so that no match is perfect.
    const claim = P1.replace('.', ', officials said.');
    const loose = checker.check(claim);
    const above = Math.max(...loose.claims[0].evidence.map((e) => e.score)) + 0.02;
    const strict = checker.check(claim, { minScore: above });
    assert.equal(loose.claims[0].verdict, 'contradicted');
    assert.notEqual(strict.claims[0].verdict, 'contradicted');
  });
});

describe('checker: words that name Object properties', () => {
  // "constructor", "toString" and friends once found Object's methods in the
  // lexicon's tables: "constructor" read as an ordinal value (so a claim with it
  // could not be supported), and the fast indexer dropped it from the frame.
  const source: SourceInput = {
    path: 'f1.txt',
    text: 'Ferrari, the Italian team, won the title in Monza in 2019, and its valueOf and toString tools were praised.\n',
  };
  for (const indexing of ['exact', 'fast'] as const) {
    it(`reads them as ordinary words (${indexing} indexing)`, () => {
      const checker = new Checker(Corpus.fromSources([source], undefined, { indexing }));
      const supported = checker.check('Ferrari, the Italian constructor, won the title in Monza in 2019.', { languageId: 'plaintext' }).claims[0];
      assert.equal(supported.verdict, 'supported', supported.reason);
      assert.equal(
        checker.check('Ferrari, the Italian constructor, won the title in Monza in 2018.', { languageId: 'plaintext' }).claims[0].verdict,
        'contradicted',
      );
    });
  }

  it('keeps "constructor" in the frame terms of both indexing modes', () => {
    const text = 'The constructor praised its toString tools.\n';
    for (const indexing of ['exact', 'fast'] as const) {
      const corpus = Corpus.fromSources([{ path: 'c.txt', text }], undefined, { indexing });
      assert.ok(corpus.analysis(0).terms.includes(stemWord('constructor')), `${indexing}: ${corpus.analysis(0).terms.join(' ')}`);
    }
  });
});

describe('checker: near-duplicate sources', () => {
  // The same wire story copied into many files must not crowd out the one
  // source that speaks to the claim, and "no source mentions" is answered
  // from the whole corpus.
  const ARTICLE = 'The new bridge over the Han river was opened to traffic in 1998 by the city mayor.';
  const WIRE = 'The city mayor said the Han river bridge traffic plan would be reviewed by the transport office.';
  const copies = Array.from({ length: 300 }, (_, i) => ({ path: `wire/${i}.txt`, text: `Wire service copy ${i}.\n${WIRE}` }));
  const checker = checkerOf([{ path: 'article.txt', text: ARTICLE }, ...copies]);

  it('still finds the contradiction among 300 copies of a similar sentence', () => {
    const c = only(checker, 'The new bridge over the Han river was opened to traffic in 2001 by the city mayor.');
    assert.equal(c.verdict, 'contradicted');
    assert.equal(c.mismatches[0].expected, '1998');
    assert.equal(c.mismatches[0].evidence.path, 'article.txt');
  });

  it('shows a copied sentence once, with its copies listed and counted', () => {
    const c = only(checker, 'The city mayor said the Han river bridge traffic plan would be reviewed by the transport office.');
    const e = c.evidence.find((x) => x.text === WIRE);
    assert.ok(e, 'the wire sentence is evidence');
    assert.equal(c.evidence.filter((x) => x.text === WIRE).length, 1);
    assert.equal(e.copyCount, 299);
    assert.equal(e.copies?.length, 10);
  });

  it('says "no source mentions" a value only when no sentence of the corpus states it', () => {
    const c = only(checker, 'In 2004 the transport office reviewed the traffic plan.');
    assert.equal(c.verdict, 'unverified');
    assert.equal(c.reason, 'No source mentions 2004.');
    const d = only(checker, 'In 1998 the transport office reviewed the traffic plan.');
    assert.equal(d.verdict, 'unverified');
    assert.ok(!d.gaps?.some((g) => g.reason === 'No source mentions 1998.'), JSON.stringify(d.gaps));
    // The words are the wire copies', not the article's: said, but not about this.
    assert.ok(
      d.gaps?.some((g) => g.text.includes('transport office') && g.reason.endsWith('but not about this.')),
      JSON.stringify(d.gaps),
    );
  });
});
