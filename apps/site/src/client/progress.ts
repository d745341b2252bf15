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
  return r.progress;
}

export function saveProgress(p: Progress): void {
  localStorage.setItem(STORAGE_KEY, serializeProgress(p));
  window.dispatchEvent(new CustomEvent("qkv-progress"));
}

export function review(card: string, rating: Rating): Progress {
  const p = recordReview(loadProgress(), card, rating, new Date());
  saveProgress(p);
  return p;
}

/** Validates untrusted JSON with parseProgress and merges it into the stored progress; returns an error or null. */
export function importProgress(json: string): string | null {
  const r = parseProgress(json);
  if ("error" in r) return r.error;
  saveProgress(mergeProgress(loadProgress(), r.progress));
  return null;
}
