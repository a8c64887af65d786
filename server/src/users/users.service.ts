import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import type { OffsetPage, Role, UserResponse } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../logging/request-context';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../auth/password';
import { UserEntity } from './entities/user.entity';
import { toUserResponse } from './user.response';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  private version = 0;

  constructor(
    @InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Bumped whenever an account changes through this service (role, active flag, name,
   * password): caches of account look-ups (AuthService) drop what they loaded before.
   */
  get accountsVersion(): number {
    return this.version;
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id, isActive: true } });
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.repo.findOne({ where: { id } });
    if (!user) throw DomainError.notFound('user.not_found', 'User');
    return user;
  }

  async getResponse(id: string): Promise<UserResponse> {
    return toUserResponse(await this.get(id));
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  /**
   * Checks a password. Failed attempts are audited in their own transaction (there
   * is no surrounding change to join). Returns the user only on a match.
   */
  async verifyCredentials(email: string, password: string): Promise<UserEntity | null> {
    const normalized = email.trim().toLowerCase();
    const user = await this.repo.findOne({ where: { email: normalized } });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok) {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, {
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: user?.id ?? null,
          summary: { email: normalized, reason: user ? 'wrong_password' : 'unknown_email' },
        }),
      );
      return null;
    }
    if (user.isActive) await this.repo.update({ id: user.id }, { lastLoginAt: new Date() });
    return user;
  }

  async list(query: ListUsersQuery): Promise<OffsetPage<UserResponse>> {
    const qb = this.repo.createQueryBuilder('u').orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC');
    if (query.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { data: rows.map(toUserResponse), total, limit: query.limit, offset: query.offset };
  }

  async create(dto: CreateUserDto, actor?: Caller, em?: EntityManager): Promise<UserResponse> {
    const run = async (m: EntityManager) => {
      const existing = await m.findOne(UserEntity, { where: { email: dto.email } });
      if (existing) throw new DomainError('user.email_taken', `A user with email ${dto.email} already exists.`, { fields: [{ field: 'email', message: 'already in use' }] });
      const user = m.create(UserEntity, {
        email: dto.email.toLowerCase(),
        name: dto.name,
        role: dto.role,
        passwordHash: await hashPassword(dto.password),
        isActive: true,
      });
      await m.save(user);
      await this.audit.record(m, {
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        summary: { after: { email: user.email, name: user.name, role: user.role } },
        actor,
      });
      return toUserResponse(user);
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  async update(id: string, dto: UpdateUserDto, actor: Caller): Promise<UserResponse> {
    this.version++;
    try {
      return await this.applyUpdate(id, dto, actor);
    } finally {
      // Again after the commit: a look-up that ran meanwhile may have read the old row.
      this.version++;
    }
  }

  private applyUpdate(id: string, dto: UpdateUserDto, actor: Caller): Promise<UserResponse> {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('user.not_found', 'User');
      if (user.id === actor.id && ((dto.role && dto.role !== user.role) || dto.is_active === false)) {
        throw new DomainError('user.cannot_change_self', 'You cannot change your own role or deactivate yourself; ask another administrator.');
      }
      const before = { name: user.name, role: user.role, is_active: user.isActive };
      if (dto.name !== undefined) user.name = dto.name;
      if (dto.role !== undefined) user.role = dto.role as Role;
      if (dto.is_active !== undefined) user.isActive = dto.is_active;
      if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
      await m.save(user);
      const after = { name: user.name, role: user.role, is_active: user.isActive };

      const base = { targetType: 'user', targetId: user.id, actor } as const;
      if (before.role !== after.role) {
        await this.audit.record(m, { ...base, action: 'user.role_changed', summary: { before: { role: before.role }, after: { role: after.role }, email: user.email } });
      }
      if (before.is_active !== after.is_active) {
        await this.audit.record(m, { ...base, action: after.is_active ? 'user.reactivated' : 'user.deactivated', summary: { email: user.email } });
      }
      if (before.name !== after.name || dto.password !== undefined) {
        await this.audit.record(m, {
          ...base,
          action: 'user.updated',
          summary: { before: { name: before.name }, after: { name: after.name }, password_changed: dto.password !== undefined, email: user.email },
        });
      }
      return toUserResponse(user);
    });
  }

  /** First start: create the administrator. Returns false when any user already exists. */
  async createInitialAdmin(email: string, password: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      // Serialise concurrent first starts of several instances.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['atrium.seed.admin']);
      if ((await m.count(UserEntity)) > 0) return false;
      await this.create({ email, name: 'Administrator', role: 'admin', password }, undefined, m);
      this.logger.log({ email }, 'Created the initial administrator');
      return true;
    });
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
