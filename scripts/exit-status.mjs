// Exit status a gate uses when nothing failed but a check could not run (the automake and
// meson convention for "skipped"). `npm test` reports such a stage as incomplete, never as
// passed; on CI any non-zero status fails the job.
export const skippedExitStatus = 77;
