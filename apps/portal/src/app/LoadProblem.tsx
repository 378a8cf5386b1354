// What a page shows when its data could not be fetched, and what it shows under a list that
// pages by keyset: the same words, roles and buttons wherever they appear.

/** "We could not load …": an alert with a Try again button (a failed retry shows it again). */
export function LoadProblem({ message, onRetry }: { message: string; onRetry: () => Promise<unknown> | undefined }) {
  return (
    <div className="problem" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={() => onRetry()?.catch(() => {})}>
        Try again
      </button>
    </div>
  );
}

/**
 * Under a paged list: the problem when the next page could not be fetched, and "Show more …"
 * while there is more. `what` names the items ("cases"); with `shortLabel` the button reads
 * "Show more" and names them only for screen readers.
 */
export function ShowMore(props: { what: string; failed: boolean; hasMore: boolean; loading: boolean; onShowMore: () => void; shortLabel?: boolean }) {
  const { what, failed, hasMore, loading, onShowMore, shortLabel } = props;
  return (
    <>
      {failed && (
        <p className="problem-message" role="alert">
          {`We could not load more ${what}. Check your connection and try again.`}
        </p>
      )}
      {hasMore && (
        <button type="button" className="button button-secondary" onClick={onShowMore} aria-disabled={loading || undefined}>
          {loading ? `Loading more ${what}…` : shortLabel ? "Show more" : `Show more ${what}`}
          {shortLabel && <span className="visually-hidden">{` ${what}`}</span>}
        </button>
      )}
    </>
  );
}
