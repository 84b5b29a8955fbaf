/**
 * Loaded before every test file (`.mocharc.json`): tests never write the
 * user's index cache (~/.cache/fact-check). The corpus index cache is off
 * unless a test turns it on by giving a cache folder of its own; servers and
 * CLIs the tests start inherit the setting.
 */
process.env.FACT_CHECK_CACHE ??= 'off';
