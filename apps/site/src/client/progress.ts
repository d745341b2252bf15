// Learner progress in localStorage, through @qkv/quiz's FSRS functions (the one scheduling implementation).
import { emptyProgress, mergeProgress, parseProgress, recordReview, serializeProgress, type Progress, type Rating } from "@qkv/quiz";

export const STORAGE_KEY = "qkv-progress";

export function loadProgress(): Progress {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (raw === null) return emptyProgress();
  const r = parseProgress(raw);
  // Stored data that no longer parses is kept aside, not silently lost.
  if ("error" in r) {
    localStorage.setItem(`${STORAGE_KEY}-unreadable-${Date.now()}`, raw);
    return emptyProgress();
  }
  // Invalid entries are left out of what is read (and so of the next save): keep the stored text as it was, once.
  if (r.skipped.length || r.newerVersion !== undefined) keepAsideOnce(raw);
  return r.progress;
}

function keepAsideOnce(raw: string): void {
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    if (key.startsWith(`${STORAGE_KEY}-kept-`) && localStorage.getItem(key) === raw) return;
  }
  localStorage.setItem(`${STORAGE_KEY}-kept-${Date.now()}`, raw);
}

export function saveProgress(p: Progress): void {
  localStorage.setItem(STORAGE_KEY, serializeProgress(p));
  window.dispatchEvent(new CustomEvent("qkv-progress"));
}

/** Cards reviewed in this browser session (this tab, until it closes), in sessionStorage. */
export const SESSION_KEY = "qkv-session-reviewed";

function sessionReviewed(): Set<string> {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "[]");
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

/** Whether the card already has its review for this session. */
export function reviewedThisSession(card: string): boolean {
  return sessionReviewed().has(card);
}

/**
 * Records the session's first verdict on a card as an FSRS review; later answers in the same session are practice,
 * not reviews (FSRS models one recall attempt per sitting: three quick right answers are not three days of memory).
 * Returns whether a review was recorded.
 */
export function review(card: string, rating: Rating): boolean {
  const done = sessionReviewed();
  if (done.has(card)) return false;
  saveProgress(recordReview(loadProgress(), card, rating, new Date()));
  done.add(card);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify([...done]));
  return true;
}

/**
 * Validates untrusted JSON with parseProgress and merges its valid reviews into the stored progress; returns why
 * nothing was imported, or the invalid entries that were left out.
 */
export function importProgress(json: string): { error: string } | { skipped: string[] } {
  const r = parseProgress(json);
  if ("error" in r) return { error: r.error };
  saveProgress(mergeProgress(loadProgress(), r.progress));
  return { skipped: r.skipped };
}
