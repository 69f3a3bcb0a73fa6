import { HubConnectionBuilder, LogLevel, type HubConnection, type IRetryPolicy } from "@microsoft/signalr";

/** The part of a SignalR connection the chat client uses; tests drive a fake with the same shape. */
export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  on(event: string, handler: (...args: any[]) => void): void;
  onreconnecting(handler: (error?: Error) => void): void;
  onreconnected(handler: (connectionId?: string) => void): void;
  onclose(handler: (error?: Error) => void): void;
}

export type HubFactory = (url: string, accessToken: () => string) => HubLike;

/** Exponential back-off with jitter, capped at 30 s; gives up after ~5 minutes so a dead page stops polling. */
export function reconnectDelay(previousRetryCount: number, elapsedMs: number, random: () => number = Math.random): number | null {
  if (elapsedMs > 5 * 60 * 1000) return null;
  const base = Math.min(30000, 1000 * Math.pow(2, previousRetryCount));
  return Math.round(base / 2 + random() * (base / 2));
}

const retryPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds: (ctx) => reconnectDelay(ctx.previousRetryCount, ctx.elapsedMilliseconds),
};

export const signalRHubFactory: HubFactory = (url, accessToken) => {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl(url, { accessTokenFactory: accessToken, withCredentials: false })
    .withAutomaticReconnect(retryPolicy)
    .configureLogging(LogLevel.None)
    .build();
  return connection as unknown as HubLike;
};
