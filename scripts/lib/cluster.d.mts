import type { ChildProcess } from 'node:child_process';

export declare const ROOT: string;
export declare const NGINX_TEMPLATE: string;
export declare const DEFAULT_REDIS_URL: string;
export declare const NGINX_MISSING: string;
export declare function findNginx(): string | null;
export declare function withoutPassword(url: string): string;
export declare function ensurePostgresDatabase(url: string): Promise<boolean>;
export declare function dropPostgresDatabase(url: string): Promise<void>;
export declare function redisAnswers(url: string): Promise<boolean>;
export declare function emptyRedisDatabase(
  url?: string,
): Promise<{ url: string; database: number; cleanup: () => Promise<void> }>;
export declare function checkPortFree(port: number): Promise<void>;
export declare function renderNginxConfig(options: {
  dir: string;
  listen: string | number;
  upstreams: string[];
  template?: string;
}): string;

export type ClusterProcess = {
  name: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  running: () => boolean;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};
export type ClusterInstance = ClusterProcess & { port: number; origin: string; address: string };
export type Cluster = {
  origin: string;
  dir: string;
  redisUrl: string | null;
  instances: ClusterInstance[];
  nginx: ClusterProcess & { binary: string; config: string };
  stop: () => Promise<void>;
};
export declare function startCluster(options: {
  instances?: number;
  port?: number;
  instancePort?: number;
  database: string;
  secret: string;
  uploadsDir: string;
  redisUrl?: string | null;
  dir: string;
  env?: Record<string, string>;
  onOutput?: (name: string, line: string) => void;
}): Promise<Cluster>;
