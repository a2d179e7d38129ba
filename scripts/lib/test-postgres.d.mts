export declare const DEFAULT_TEST_POSTGRES_URL: string;
export declare function answers(url: string): Promise<boolean>;
type Server = { url: string; stop: () => Promise<void> };
export declare function ensureTestPostgres(options?: {
  log?: (message: string) => void;
}): Promise<Server>;
export declare function startThrowawayPostgres(log?: (message: string) => void): Promise<Server>;
