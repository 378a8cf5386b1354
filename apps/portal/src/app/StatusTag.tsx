import type { ReactNode } from "react";

type Tone = "problem" | "due" | "done" | "neutral";

const icons: Record<Tone, string> = { problem: "!", due: "◷", done: "✓", neutral: "–" };

/**
 * A status in words, with a shape and a border as well as colour, so it never relies on
 * colour alone. The icon is decoration: screen readers read the words.
 */
export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <strong className={`status-tag status-tag-${tone}`}>
      <span aria-hidden="true" className="status-tag-icon">
        {icons[tone]}
      </span>
      {children}
    </strong>
  );
}
