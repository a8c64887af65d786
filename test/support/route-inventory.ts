import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../../server/src/auth/auth.decorators';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: 'public' | string | undefined;
}

/** Every HTTP route the app's controllers declare, with the access policy it declares. */
export function routeInventory(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '')[0];
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        const isPublic = Reflect.getMetadata(IS_PUBLIC, fn) ?? Reflect.getMetadata(IS_PUBLIC, type);
        const permission = Reflect.getMetadata(REQUIRED_PERMISSION, fn) ?? Reflect.getMetadata(REQUIRED_PERMISSION, type);
        routes.push({
          method,
          path: `/${[base, ...([] as string[]).concat(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          controller: type.name,
          handler: name,
          access: isPublic ? 'public' : permission,
        });
      }
    }
  }
  return routes;
}
