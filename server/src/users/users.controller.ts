import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OffsetPage, UserResponse } from '@atrium/protocol';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import type { Caller } from '../logging/request-context';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users.read')
  list(@Query() query: ListUsersQuery): Promise<OffsetPage<UserResponse>> {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermission('users.read')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.getResponse(id);
  }

  @Post()
  @RequirePermission('users.write')
  create(@Body() dto: CreateUserDto, @CurrentCaller() caller: Caller): Promise<UserResponse> {
    return this.users.create(dto, caller);
  }

  @Patch(':id')
  @RequirePermission('users.write')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto, @CurrentCaller() caller: Caller): Promise<UserResponse> {
    return this.users.update(id, dto, caller);
  }
}
