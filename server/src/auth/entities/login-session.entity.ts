import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A browser signed in through the OpenID provider. The cookie holds a random token;
 * only its SHA-256 is stored, so a database dump cannot be replayed as cookies.
 * The subject comes from the verified ID token, never from the client.
 */
@Entity({ name: 'login_sessions' })
@Index('login_sessions_token_hash_key', ['tokenHash'], { unique: true })
@Index('login_sessions_expires_at_idx', ['expiresAt'])
export class LoginSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Hex SHA-256 of the cookie token. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  /** The chat owner key derived from issuer and subject (`oidc:<issuer-hash>:<sub>`). */
  @Column({ name: 'owner_key', type: 'varchar', length: 200 })
  ownerKey: string;

  /** Only when the provider says it is verified. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
