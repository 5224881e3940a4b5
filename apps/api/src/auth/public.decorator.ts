import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Opens a route to anonymous callers; everything else is denied without a login (auth.guard.ts). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
