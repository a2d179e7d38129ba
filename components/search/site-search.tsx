import styles from './search.module.css';

/**
 * The search box in the reader site's header: a plain GET form to /search, so it works
 * without JavaScript and ships none. Its label is the placeholder a sighted reader sees, and
 * the same words name it for assistive technology (a visible label would cost a phone a line).
 * Not "Search reviews": that is the name of the box on /search, which shows both.
 */
export function SiteSearch() {
  return (
    <form
      action="/search"
      method="get"
      role="search"
      aria-label="Site"
      className={`${styles.form} ${styles.siteForm}`}
    >
      <label htmlFor="site-search-q" className="visually-hidden">
        Search the reviews
      </label>
      <input
        id="site-search-q"
        className={styles.input}
        type="search"
        name="q"
        placeholder="Search the reviews"
        maxLength={200}
        autoComplete="off"
        enterKeyHint="search"
      />
      <button type="submit" className={styles.button}>
        Search
      </button>
    </form>
  );
}

/** The search form at the top of /search: labelled, and keeping what was typed. */
export function SearchForm({ query }: { query: string }) {
  return (
    <form
      action="/search"
      method="get"
      role="search"
      aria-label="Reviews"
      className={`${styles.form} ${styles.pageForm}`}
    >
      <label htmlFor="search-q" className={styles.label}>
        Search reviews
      </label>
      <span className={styles.row}>
        <input
          id="search-q"
          className={styles.input}
          type="search"
          name="q"
          defaultValue={query}
          autoComplete="off"
          enterKeyHint="search"
        />
        <button type="submit" className={styles.button}>
          Search
        </button>
      </span>
    </form>
  );
}
