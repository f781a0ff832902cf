import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser, InquiryCategoryView } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { CreateInquiryCategoryDto } from './dto/create-inquiry-category.dto';
import { InquiryCategoriesService } from './inquiry-categories.service';

@ApiTags('inquiries')
@ApiBearerAuth()
@Controller('inquiry-categories')
export class InquiryCategoriesController {
  constructor(private readonly categories: InquiryCategoriesService) {}

  @Get()
  @ApiOperation({ summary: '問い合わせの分類（表示順）' })
  list(): Promise<InquiryCategoryView[]> {
    return this.categories.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '分類を追加する（管理者）' })
  create(@Body() dto: CreateInquiryCategoryDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string): Promise<InquiryCategoryView> {
    return this.categories.create(dto, user, ip);
  }
}
