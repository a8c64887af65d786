import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorBody } from '../common/errors/all-exceptions.filter';

/**
 * The browser scripts the server hands out, built by `libs/chat-element/build.mjs`
 * and `libs/chat-page/build.mjs` into `dist/`: name → path below `dist/`.
 */
export const CHAT_ASSETS = {
  'atrium-chat.js': 'chat-element/atrium-chat.js',
  'atrium-chat.js.map': 'chat-element/atrium-chat.js.map',
  'atrium-chat.iife.js': 'chat-element/atrium-chat.iife.js',
  'atrium-chat.iife.js.map': 'chat-element/atrium-chat.iife.js.map',
  'page.js': 'chat-page/page.js',
  'page.js.map': 'chat-page/page.js.map',
  'embed.js': 'chat-page/embed.js',
} as const;

export type ChatAssetName = keyof typeof CHAT_ASSETS;

export function isChatAssetName(name: string): name is ChatAssetName {
  return Object.prototype.hasOwnProperty.call(CHAT_ASSETS, name);
}

interface LoadedAsset {
  path: string;
  mtimeMs: number;
  body: Buffer;
  /** First 16 hex digits of the SHA-256 of the content: the `?v=` of versioned URLs and the ETag. */
  hash: string;
}

/** How long browsers may reuse `/embed.js` (its URL is pasted into other sites, so it is never versioned). */
export const EMBED_MAX_AGE_SECONDS = 300;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Where `dist/` is: beside the compiled server (`dist/app/server/src/chat-page` →
 * `dist/`) or, when running from source (tests), `<repo>/dist`.
 */
function distDirs(): string[] {
  return [resolve(__dirname, '..', '..', '..', '..'), resolve(__dirname, '..', '..', '..', 'dist')];
}

/**
 * Serves the chat scripts with versioned URLs (`?v=<content hash>`, cached for a
 * year) and ETags. Files are re-read when they change on disk, so rebuilding the
 * element does not need a restart. Every answer may be loaded cross-origin (the
 * bubble runs on other sites): `Cross-Origin-Resource-Policy: cross-origin` and
 * `Access-Control-Allow-Origin: *` (the scripts are public and carry no cookies).
 */
@Injectable()
export class ChatAssets {
  private readonly logger = new Logger('ChatAssets');
  private readonly cache = new Map<ChatAssetName, LoadedAsset>();
  private readonly reportedMissing = new Set<ChatAssetName>();

  /** The asset's current content, or undefined when it is not built. */
  load(name: ChatAssetName): LoadedAsset | undefined {
    for (const dir of distDirs()) {
      const path = join(dir, CHAT_ASSETS[name]);
      let mtimeMs: number;
      try {
        mtimeMs = statSync(path).mtimeMs;
      } catch {
        continue;
      }
      const cached = this.cache.get(name);
      if (cached && cached.path === path && cached.mtimeMs === mtimeMs) return cached;
      const body = readFileSync(path);
      const asset = { path, mtimeMs, body, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) };
      this.cache.set(name, asset);
      return asset;
    }
    if (!this.reportedMissing.has(name)) {
      this.reportedMissing.add(name);
      this.logger.error({ asset: name, looked_in: distDirs() }, 'Chat asset is not built; run the element and page builds (npm run build)');
    }
    return undefined;
  }

  /** Whether the scripts the chat page needs are all built. */
  pageReady(): boolean {
    return this.load('page.js') !== undefined && this.load('atrium-chat.js') !== undefined;
  }

  /** `/chat-assets/<name>?v=<hash>` (unversioned when the file is missing). */
  url(name: ChatAssetName): string {
    const asset = this.load(name);
    return `/chat-assets/${name}${asset ? `?v=${asset.hash}` : ''}`;
  }

  /**
   * Answers with the asset. `cache`: `versioned` — immutable for a year when `?v=`
   * names the current content, else revalidated every time; `short` — a few minutes
   * (`/embed.js`). Conditional requests get 304.
   */
  send(name: ChatAssetName, req: Request, res: Response, cache: 'versioned' | 'short'): void {
    const asset = this.load(name);
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!asset) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(503).json(errorBody('internal', 'The chat scripts are not built on this server yet.'));
      return;
    }
    res.setHeader('Content-Type', name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
    res.setHeader('ETag', `"${asset.hash}"`);
    const versioned = cache === 'versioned' && req.query.v === asset.hash;
    res.setHeader('Cache-Control', versioned ? IMMUTABLE : cache === 'short' ? `public, max-age=${EMBED_MAX_AGE_SECONDS}` : 'public, no-cache');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.status(200).send(asset.body);
  }
}
